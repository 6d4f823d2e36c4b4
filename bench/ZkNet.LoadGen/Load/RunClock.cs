using System.Diagnostics;

namespace ZkNet.LoadGen.Load;

/// <summary>
/// The phases of a run in Stopwatch ticks, fixed before it starts so every connection can judge them alone:
/// requests sent before <see cref="MeasureStart"/> are warm-up, none is sent at or after <see cref="MeasureEnd"/>,
/// and a reply counts when its request was sent in between (its reply may arrive while draining).
/// </summary>
internal sealed class RunClock
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public RunClock(TimeSpan warmup, TimeSpan duration)
    {
        Start = Stopwatch.GetTimestamp();
        MeasureStart = Start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        MeasureEnd = MeasureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    public long Start { get; }

    public long MeasureStart { get; }

    public long MeasureEnd { get; }

    public static long Now => Stopwatch.GetTimestamp();

    public static long ToNanoseconds(long ticks) => (long)(ticks * NanosecondsPerTick);

    public static double ToSeconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    public TimeSpan UntilMeasureStart => TimeSpan.FromSeconds(Math.Max(0, ToSeconds(MeasureStart - Now)));
}
