namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>The setting that makes a server refuse writes past a quota's hard limits (off by default in both).</summary>
public static class QuotaEnforcement
{
    /// <summary>zookeeper.enforceQuota=true: a -D option for Apache ZooKeeper, a zoo.cfg key for ZkNet.</summary>
    public static IReadOnlyDictionary<string, string> On { get; } = new Dictionary<string, string>
    {
        ["zookeeper.enforceQuota"] = "true",
    };
}
