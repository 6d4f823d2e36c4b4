using System.Diagnostics;
using System.Globalization;

namespace ZkNet.RecoveryProfile;

/// <summary>Times a phase and prints its GC cost when disposed.</summary>
internal sealed class Phase : IDisposable
{
    private readonly string _name;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _pauses = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    public Phase(string name) => _name = name;

    public long Count { get; set; }

    public string? Note { get; set; }

    public void Dispose()
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var pauses = (GC.GetTotalPauseDuration() - _pauses).TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - _allocated) / 1048576.0;
        Console.WriteLine(string.Create(c,
            $"{_name}: {Count:N0} nodes{(Note is null ? "" : ", " + Note)} in {seconds:F2} s; GC pauses {pauses:F2} s; allocated {allocated:N0} MiB; " +
            $"GCs gen0 {GC.CollectionCount(0) - _collections[0]}, gen1 {GC.CollectionCount(1) - _collections[1]}, gen2 {GC.CollectionCount(2) - _collections[2]}; " +
            $"managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB"));
    }
}
