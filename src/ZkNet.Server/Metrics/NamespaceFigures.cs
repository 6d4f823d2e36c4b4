namespace ZkNet.Server.Metrics;

/// <summary>
/// ZooKeeper's per-namespace byte counts: a read or write is charged to the top-level node of its path, as many
/// bytes as ZooKeeper's DataTree charges (the path, the data or child names, and for reads a Stat's fixed size).
/// </summary>
public static class NamespaceFigures
{
    /// <summary>What ZooKeeper adds to each read for the Stat it returns: 6 longs and 5 ints.</summary>
    public const int StatOverheadBytes = (6 * 8) + (5 * 4);

    /// <summary>The first component of <paramref name="path"/> ("/a/b" → "a"), or null for the root.</summary>
    public static string? TopNamespace(string path)
    {
        if (path.Length < 2 || path[0] != '/')
        {
            return null;
        }
        var end = path.IndexOf('/', 1);
        return end < 0 ? path[1..] : path[1..end];
    }

    /// <summary>Charges a read of <paramref name="bytes"/> (data or child names) at <paramref name="path"/>.</summary>
    public static void RecordRead(ServerMetrics metrics, string path, long bytes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (TopNamespace(path) is { } ns)
        {
            metrics.ReadsPerNamespace.Record(ns, path.Length + bytes + StatOverheadBytes);
        }
    }

    /// <summary>Charges a write of <paramref name="bytes"/> of data at <paramref name="path"/>.</summary>
    public static void RecordWrite(ServerMetrics metrics, string path, long bytes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (TopNamespace(path) is { } ns)
        {
            metrics.WritesPerNamespace.Record(ns, path.Length + bytes);
        }
    }
}
