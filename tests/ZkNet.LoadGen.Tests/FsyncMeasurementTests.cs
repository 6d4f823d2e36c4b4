using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen.Tests;

/// <summary>The disk fsync probe, perf's syscall counts, and how a run turns them into txns per fsync.</summary>
public class FsyncMeasurementTests(ApacheServerFixture fixture) : IClassFixture<ApacheServerFixture>
{
    [Fact]
    public void Perf_stat_csv_counts_of_fsync_and_fdatasync_are_added_up()
    {
        const string csv = """
            12,,syscalls:sys_enter_fsync,1000000,100.00,,
            30,,syscalls:sys_enter_fdatasync,1000000,100.00,,
            """;

        Assert.Equal(42, FsyncCounter.Parse(csv));
        Assert.Null(FsyncCounter.Parse("<not supported>,,syscalls:sys_enter_fsync,0,100.00,,"));
    }

    [Fact]
    public void The_disk_probe_does_one_fsync_per_record_and_removes_its_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fsync-probe-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = DiskFsyncProbe.Run(dir, TimeSpan.FromMilliseconds(300));

            Assert.True(result.Fsyncs > 0);
            Assert.InRange(result.FsyncsPerSecond, result.Fsyncs / 2.0, result.Fsyncs / 0.25);
            Assert.True(result.LatencyMs.P50 > 0);
            Assert.Empty(Directory.EnumerateFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Txns_per_fsync_is_the_write_rate_over_the_fsync_rate()
    {
        var run = new RunResult { Target = "x", Workload = "mixed", Mode = "throughput", LatencyMs = new LatencySummary(0, 0, 0, 0, 0, 0, 0), OpsPerSecond = 10_000, ServerFsyncs = 500 };

        var mixed = run.WithFsyncRates(new LoadOptions { Workload = WorkloadKind.Mixed, ReadPercent = 90, Duration = TimeSpan.FromSeconds(10) });
        var reads = run.WithFsyncRates(new LoadOptions { Workload = WorkloadKind.GetData, Duration = TimeSpan.FromSeconds(10) });

        Assert.Equal(50, mixed.ServerFsyncsPerSecond);
        Assert.Equal(20, mixed.TxnsPerFsync);
        Assert.Null(reads.TxnsPerFsync);
    }

    [Fact]
    public async Task A_write_run_counts_the_servers_fsyncs_when_perf_can_and_reports_none_when_it_cannot()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await LoadRunner.RunAsync(new LoadOptions
        {
            Port = fixture.Server.Port,
            ServerPid = fixture.Server.ProcessId,
            Workload = WorkloadKind.SetData,
            Connections = 2,
            Window = 8,
            Keys = 10,
            Duration = TimeSpan.FromSeconds(1),
            Warmup = TimeSpan.FromMilliseconds(300),
            CountFsyncs = true,
            RootPath = "/loadgen-test-" + Guid.NewGuid().ToString("N")[..8],
        }, cts.Token);

        Assert.Null(result.Failure);
        if (!FsyncCounter.Available)
        {
            Assert.Null(result.ServerFsyncs);
            Assert.Null(result.TxnsPerFsync);
            return;
        }
        // Apache ZooKeeper logs every setData and syncs its log before replying (forceSync is on by default).
        Assert.True(result.ServerFsyncs > 0, $"{result.ServerFsyncs} fsyncs for {result.Operations} setData");
        Assert.True(result.TxnsPerFsync >= 1, $"{result.TxnsPerFsync}");
    }
}
