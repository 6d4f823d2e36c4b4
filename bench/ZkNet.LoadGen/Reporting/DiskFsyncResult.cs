namespace ZkNet.LoadGen.Reporting;

/// <summary>What <see cref="Measurement.DiskFsyncProbe"/> measured.</summary>
/// <param name="Directory">Where the probe file was (the servers' data root).</param>
/// <param name="Fsyncs">Records written, each followed by its own fsync.</param>
/// <param name="FsyncsPerSecond">The disk's rate for one writer waiting on each fsync.</param>
/// <param name="LatencyMs">Write + fsync time per record.</param>
internal sealed record DiskFsyncResult(string Directory, long Fsyncs, double FsyncsPerSecond, LatencySummary LatencyMs);
