using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>ZkNet with zookeeper.enforceQuota=true.</summary>
public sealed class QuotaEnforcingZkNetServer() : InteropServerFixture(ServerKind.ZkNet)
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraSystemProperties => QuotaEnforcement.On;
}
