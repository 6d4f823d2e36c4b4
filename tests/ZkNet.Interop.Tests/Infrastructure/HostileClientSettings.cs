namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>The settings of the hostile-client fixtures: a short handshake deadline, so its tests take seconds.</summary>
public static class HostileClientSettings
{
    /// <summary>zookeeper.nio.sessionlessCnxnTimeout in ms (ZooKeeper's default is 10000).</summary>
    public const int SessionlessCnxnTimeoutMs = 1500;

    /// <summary>The setting as a -D option for Apache ZooKeeper and a zoo.cfg key for ZkNet.</summary>
    public static IReadOnlyDictionary<string, string> SystemProperties { get; } = new Dictionary<string, string>
    {
        ["zookeeper.nio.sessionlessCnxnTimeout"] = SessionlessCnxnTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
