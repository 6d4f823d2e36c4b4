namespace ZkNet.LoadGen.Options;

/// <summary>The command-line spellings of workloads and modes.</summary>
internal static class WorkloadNames
{
    public static WorkloadKind ParseWorkload(string name) => name.ToLowerInvariant() switch
    {
        "create" => WorkloadKind.Create,
        "create-seq" or "createsequential" or "create-sequential" => WorkloadKind.CreateSequential,
        "set" or "setdata" => WorkloadKind.SetData,
        "get" or "getdata" => WorkloadKind.GetData,
        "exists" => WorkloadKind.Exists,
        "children" or "getchildren" => WorkloadKind.GetChildren,
        "mixed" or "mix" => WorkloadKind.Mixed,
        _ => throw new ArgumentException($"unknown workload '{name}' (create, create-seq, set, get, exists, children, mixed)"),
    };

    public static string Name(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Create => "create",
        WorkloadKind.CreateSequential => "create-seq",
        WorkloadKind.SetData => "set",
        WorkloadKind.GetData => "get",
        WorkloadKind.Exists => "exists",
        WorkloadKind.GetChildren => "children",
        WorkloadKind.Mixed => "mixed",
        _ => kind.ToString(),
    };

    public static BenchMode ParseMode(string name) => name.ToLowerInvariant() switch
    {
        "throughput" or "tput" => BenchMode.Throughput,
        "latency" or "lat" => BenchMode.Latency,
        _ => throw new ArgumentException($"unknown mode '{name}' (throughput, latency)"),
    };

    public static string Name(BenchMode mode) => mode == BenchMode.Latency ? "latency" : "throughput";

    /// <summary>Whether the workload writes (so it goes through the txn log).</summary>
    public static bool Writes(WorkloadKind kind) =>
        kind is WorkloadKind.Create or WorkloadKind.CreateSequential or WorkloadKind.SetData or WorkloadKind.Mixed;
}
