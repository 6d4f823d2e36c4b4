using System.Diagnostics;
using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen.Measurement;

/// <summary>
/// The disk's own fsync rate, measured like a txn log uses the disk: a file preallocated with zeros (as ZooKeeper's
/// FilePadding does, so an append does not grow it), then one small record written after the last and fsync-ed, in
/// a loop. One writer doing one fsync per record is what a server without group commit could reach at best with
/// every write waiting for its own fsync; a server writing faster than this must be covering several txns per fsync.
/// </summary>
internal static class DiskFsyncProbe
{
    private const int RecordSize = 128;
    private const int FileSize = 64 * 1024 * 1024;

    /// <summary>Runs for <paramref name="duration"/> in <paramref name="directory"/> (on the disk the servers use).</summary>
    public static DiskFsyncResult Run(string directory, TimeSpan duration)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"fsync-probe-{Environment.ProcessId}.tmp");
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < FileSize; written += zeros.Length)
            {
                file.Write(zeros);
            }
            file.Flush(flushToDisk: true);
            file.Position = 0;
            var record = new byte[RecordSize];
            Array.Fill(record, (byte)'r');
            var histogram = new LatencyHistogram();
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            long count = 0;
            while (Stopwatch.GetTimestamp() < end && file.Position + RecordSize <= FileSize)
            {
                var before = Stopwatch.GetTimestamp();
                file.Write(record);
                file.Flush(flushToDisk: true);
                histogram.Record((long)((Stopwatch.GetTimestamp() - before) * 1e9 / Stopwatch.Frequency));
                count++;
            }
            var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
            return new DiskFsyncResult(directory, count, Math.Round(count / seconds, 1), LatencySummary.From(histogram));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
