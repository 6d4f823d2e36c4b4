namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// Figures Apache ZooKeeper reports that ZkNet leaves out on purpose: the JVM's pause time (there is no JVM).
/// </summary>
internal static class NotReported
{
    private static readonly string[] Suffixes = ["jvm_pause_time_ms"];

    public static bool Matches(string key) => Suffixes.Any(s => key.EndsWith("_" + s, StringComparison.Ordinal));
}
