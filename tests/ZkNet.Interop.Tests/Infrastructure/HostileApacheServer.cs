using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Apache ZooKeeper 3.8 with a short handshake deadline (<see cref="HostileClientSettings"/>).</summary>
public sealed class HostileApacheServer() : InteropServerFixture(ServerKind.ApacheZooKeeper)
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraSystemProperties => HostileClientSettings.SystemProperties;
}
