using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Apache ZooKeeper 3.8 with zookeeper.enforceQuota=true.</summary>
public sealed class QuotaEnforcingApacheZooKeeperServer() : InteropServerFixture(ServerKind.ApacheZooKeeper)
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraSystemProperties => QuotaEnforcement.On;
}
