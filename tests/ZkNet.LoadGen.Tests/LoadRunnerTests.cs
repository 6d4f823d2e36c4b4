using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Wire;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Tests;

/// <summary>The load generator against the real Apache ZooKeeper 3.8 server, with short runs.</summary>
public class LoadRunnerTests(ApacheServerFixture fixture) : IClassFixture<ApacheServerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private LoadOptions Options(WorkloadKind workload) => new()
    {
        Port = fixture.Server.Port,
        ServerPid = fixture.Server.ProcessId,
        Workload = workload,
        Connections = 2,
        Window = 8,
        Keys = 50,
        Duration = TimeSpan.FromSeconds(1),
        // Long enough that a busy machine still completes warm-up requests before measuring starts.
        Warmup = TimeSpan.FromSeconds(1),
        RootPath = "/loadgen-test-" + Guid.NewGuid().ToString("N")[..8],
    };

    [Fact]
    public async Task A_read_run_counts_replies_without_errors_and_samples_the_server_process()
    {
        using var cts = new CancellationTokenSource(Bound);
        var result = await LoadRunner.RunAsync(Options(WorkloadKind.GetData), cts.Token);

        Assert.Null(result.Failure);
        Assert.True(result.Operations > 100, $"only {result.Operations} operations");
        Assert.True(result.WarmupOperations > 0);
        Assert.Equal(0, result.Errors);
        var l = result.LatencyMs;
        Assert.True(l.Min > 0 && l.Min <= l.P50 && l.P50 <= l.P99 && l.P99 <= l.P999 && l.P999 <= l.Max, $"latency out of order: {l}");
        Assert.NotNull(result.Server);
        Assert.True(result.Server.RssMiB > 20, "a JVM running ZooKeeper is bigger than 20 MiB");
        Assert.True(result.Server.CpuSeconds > 0, "serving over a hundred requests takes measurable CPU");
        Assert.InRange(result.MeasuredSeconds, 0.9, 5);
    }

    [Fact]
    public async Task An_operation_budget_measures_exactly_that_many_requests()
    {
        using var cts = new CancellationTokenSource(Bound);
        var result = await LoadRunner.RunAsync(Options(WorkloadKind.SetData) with
        {
            Connections = 3,
            Operations = 1000,
            Duration = TimeSpan.FromSeconds(30),
        }, cts.Token);

        Assert.Null(result.Failure);
        Assert.Equal(1000, result.Operations);
        Assert.Equal(0, result.Errors);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("create-seq")]
    public async Task Created_nodes_are_all_deleted_afterwards(string workload)
    {
        using var cts = new CancellationTokenSource(Bound);
        var options = Options(WorkloadNames.ParseWorkload(workload));
        var result = await LoadRunner.RunAsync(options, cts.Token);

        Assert.Null(result.Failure);
        Assert.True(result.Operations > 100);
        Assert.Equal(0, result.Errors);
        Assert.Equal((int)ErrorCode.NoNode, await ExistsErrorAsync(options.RootPath, cts.Token));
    }

    [Fact]
    public async Task Watchers_receive_an_event_for_updates_of_the_keys()
    {
        using var cts = new CancellationTokenSource(Bound);
        var result = await LoadRunner.RunAsync(Options(WorkloadKind.Mixed) with { Watchers = 2, ReadPercent = 50 }, cts.Token);

        Assert.Null(result.Failure);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Notifications > 0, "setData on watched keys must fire watches");
    }

    [Fact]
    public async Task Latency_mode_keeps_one_request_outstanding_per_connection()
    {
        using var cts = new CancellationTokenSource(Bound);
        var result = await LoadRunner.RunAsync(Options(WorkloadKind.Exists) with { Mode = BenchMode.Latency, Connections = 1 }, cts.Token);

        Assert.Null(result.Failure);
        Assert.Equal(1, result.Window);
        Assert.True(result.Operations > 100);
        // Closed loop: each request waits for the previous reply, so the rate cannot beat 1 / mean latency.
        Assert.True(result.OpsPerSecond <= 1000 / result.LatencyMs.Mean * 1.05, $"{result.OpsPerSecond} ops/s with mean {result.LatencyMs.Mean} ms");
    }

    private async Task<int> ExistsErrorAsync(string path, CancellationToken ct)
    {
        await using var session = await BenchSession.ConnectAsync("127.0.0.1", fixture.Server.Port, 10_000, ct);
        var replies = await RequestScript.RunAsync(session, [new ScriptStep(OpCode.Exists, new ExistsRequest(path, false))], 1, false, ct);
        return replies[0].Err;
    }
}
