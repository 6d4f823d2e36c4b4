using ZkNet.LoadGen.Options;

namespace ZkNet.LoadGen.Compare;

/// <summary>Settings of a side-by-side comparison.</summary>
internal sealed record CompareOptions
{
    /// <summary>The two servers, baseline first (default apache, zknet): ratios are second / first.</summary>
    public required IReadOnlyList<ServerKind> Servers { get; init; }

    /// <summary>Workloads and modes, each run on every server <see cref="Repeats"/> times, alternating.</summary>
    public required IReadOnlyList<(WorkloadKind Workload, BenchMode Mode)> Workloads { get; init; }

    /// <summary>Rounds per workload (default 2: A B A B).</summary>
    public int Repeats { get; init; } = 2;

    /// <summary>forceSync in both zoo.cfg files (default true, as both servers ship).</summary>
    public bool ForceSync { get; init; } = true;

    /// <summary>The JVM's -Xmx for Apache ZooKeeper (default 1g).</summary>
    public string JvmHeap { get; init; } = "1g";

    /// <summary>Path of the built zknet.dll (default src/ZkNet.Cli/bin/Release/net10.0/zknet.dll in the repository).</summary>
    public string? ZkNetDll { get; init; }

    /// <summary>Where the servers' temporary folders go (default the system temp folder).</summary>
    public string? DataRoot { get; init; }

    /// <summary>Idle time between runs, to let the previous run's tails (GC, fsync) settle (default 1 s).</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Unmeasured mixed load on each server before the first run, so the JITs have settled (default 5 s).</summary>
    public TimeSpan Prime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the disk's own fsync rate is measured before the first run and after the last (default 3 s; 0 skips).</summary>
    public TimeSpan FsyncProbe { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where to write the JSON report, if anywhere.</summary>
    public string? JsonOut { get; init; }

    /// <summary>The workload settings shared by every run (workload and mode are overridden per run).</summary>
    public required LoadOptions Load { get; init; }
}
