namespace ZkNet.LoadGen.Measurement;

/// <summary>A process's CPU time and memory at one instant, from /proc.</summary>
/// <param name="CpuSeconds">utime + stime.</param>
/// <param name="RssBytes">VmRSS: resident memory now.</param>
/// <param name="PeakRssBytes">VmHWM: the highest resident memory so far.</param>
internal readonly record struct ProcessSample(double CpuSeconds, long RssBytes, long PeakRssBytes);
