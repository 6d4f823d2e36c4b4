namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// Figures Apache ZooKeeper reports that ZkNet leaves out on purpose: the JVM's pause time (no JVM), and the
/// per-namespace read/write byte summaries (avg_&lt;top-level node&gt;_read_per_namespace...), not kept yet
/// (docs/operations.md).
/// </summary>
internal static class NotReported
{
    private static readonly string[] Suffixes = ["jvm_pause_time_ms", "read_per_namespace", "write_per_namespace"];

    public static bool Matches(string key) => Suffixes.Any(s => key.EndsWith("_" + s, StringComparison.Ordinal));
}
