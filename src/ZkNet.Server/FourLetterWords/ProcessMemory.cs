using System.Globalization;
using System.Text;

namespace ZkNet.Server.FourLetterWords;

/// <summary>
/// envi's memory lines, as ZooKeeper prints the JVM's (os.memory.free, os.memory.max, os.memory.total, in MB), from
/// the process's figures: total is its resident memory (the JVM's committed heap has no .NET twin, and the GC's own
/// figures read 0 until its first collection), free is the part of it not holding managed objects, max is what the
/// GC may grow to (the container or machine limit).
/// </summary>
public static class ProcessMemory
{
    /// <summary>Appends the three lines to <paramref name="sb"/>.</summary>
    public static void AppendEnvironmentLines(StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var info = GC.GetGCMemoryInfo();
        var heap = GC.GetTotalMemory(false);
        var total = Math.Max(Environment.WorkingSet, heap);
        var free = total - heap;
        var max = info.TotalAvailableMemoryBytes;
        sb.Append(CultureInfo.InvariantCulture, $"os.memory.free={free / (1024 * 1024)}MB\n");
        sb.Append(CultureInfo.InvariantCulture, $"os.memory.max={max / (1024 * 1024)}MB\n");
        sb.Append(CultureInfo.InvariantCulture, $"os.memory.total={total / (1024 * 1024)}MB\n");
    }
}
