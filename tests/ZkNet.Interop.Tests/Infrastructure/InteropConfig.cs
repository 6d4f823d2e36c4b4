namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>The zoo.cfg settings every interop server uses, whichever implementation it is.</summary>
public static class InteropConfig
{
    /// <summary>
    /// The tick, lowered from ZooKeeper's usual 2000 ms to 500 ms so that the session bounds are
    /// minSessionTimeout = 2 ticks = 1000 ms and maxSessionTimeout = 20 ticks = 10000 ms: session-expiry tests
    /// then finish in a couple of seconds, and the clients' default 10 s timeout still fits under the maximum.
    /// </summary>
    public const int TickTimeMs = 500;

    /// <summary>ZooKeeper's default <c>jute.maxbuffer</c> (0xfffff): the largest request frame a server accepts.</summary>
    public const int JuteMaxBuffer = 0xfffff;

    /// <summary>How often the server looks for empty containers and expired TTL nodes (ZooKeeper's default is 60 s).</summary>
    public const int ContainerCheckIntervalMs = 100;

    /// <summary>
    /// Settings Apache ZooKeeper reads only as Java system properties (zoo.cfg cannot set them there), so that
    /// container and TTL reaping can be observed within a test.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SystemProperties { get; } = new Dictionary<string, string>
    {
        ["znode.container.checkIntervalMs"] = ContainerCheckIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Settings on top of ServerProcess's defaults (4lw all allowed, TTL enabled, admin server off).</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["tickTime"] = TickTimeMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["maxClientCnxns"] = "0",
    };
}
