namespace ZkNet.LoadGen.Reporting;

/// <summary>What the server process spent during the measured time, from /proc.</summary>
/// <param name="Pid">The process sampled.</param>
/// <param name="CpuSeconds">utime + stime used during the measured time.</param>
/// <param name="CpuMicrosPerOp">CPU microseconds per measured request.</param>
/// <param name="CpuCores">Average cores busy (CPU seconds / measured seconds).</param>
/// <param name="RssMiB">Resident memory (VmRSS) at the end of the measured time.</param>
/// <param name="PeakRssMiB">Highest resident memory of the process's life so far (VmHWM).</param>
internal sealed record ServerUsage(int Pid, double CpuSeconds, double CpuMicrosPerOp, double CpuCores, double RssMiB, double PeakRssMiB);
