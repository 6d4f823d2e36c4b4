using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>ZkNet with a short handshake deadline (<see cref="HostileClientSettings"/>).</summary>
public sealed class HostileZkNetServer() : InteropServerFixture(ServerKind.ZkNet)
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraSystemProperties => HostileClientSettings.SystemProperties;
}
