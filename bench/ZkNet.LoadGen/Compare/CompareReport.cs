using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen.Compare;

/// <summary>The JSON form of a comparison: settings, every run, and the summary rows.</summary>
internal sealed record CompareReport
{
    public required IReadOnlyList<string> Servers { get; init; }
    public required bool ForceSync { get; init; }
    public required int Repeats { get; init; }
    public required double DurationSeconds { get; init; }
    public required double WarmupSeconds { get; init; }
    public required List<RunResult> Runs { get; init; }
    public required List<CompareRow> Summary { get; init; }
    public required Dictionary<string, long> DataBytes { get; init; }
    public IReadOnlyList<DiskFsyncResult> DiskFsync { get; init; } = [];
}

/// <summary>One figure of one workload: the median per server, and second/first.</summary>
internal sealed record CompareRow(string Workload, string Mode, string Figure, string Better, double? Baseline, double? Candidate, double? Ratio);
