using System.Diagnostics;
using Xunit.Abstractions;
using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Crash;

/// <summary>
/// kill -9 at many moments while concurrent clients pipeline creates, setData, deletes and multis, then a restart
/// on the same dataDir: every acknowledged write must be there with its acknowledged value and version, and nothing
/// else (see <see cref="WriterModel"/>). Kills land at random moments, while a snapshot is being written (a small
/// snapCount and a large tree make snapshots frequent and slow), and during startup recovery. Seeded: set
/// ZKNET_DURABILITY_SEED to replay a failing run's choices (the interleavings themselves are the machine's).
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const int WriterCount = 4;
    private const int FillerNodes = 20_000;

    private static readonly Dictionary<string, string> Config = new()
    {
        // A snapshot every 1000 to 2000 txns; each walks the whole tree in steps between request batches.
        ["snapCount"] = "2000",
        // Small preallocation steps: logs grow (and are extended) many times per run.
        ["preAllocSize"] = "256",
    };

    private enum KillMoment
    {
        Random,
        DuringSnapshot,
        DuringStartup,
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Every_acknowledged_write_survives_kill_9_at_many_moments_and_nothing_else_appears()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ZKNET_DURABILITY_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"seed {seed} (ZKNET_DURABILITY_SEED={seed} replays these choices)");
        var random = new Random(seed);
        KillMoment[] plan =
        [
            KillMoment.Random, KillMoment.DuringSnapshot, KillMoment.Random, KillMoment.DuringSnapshot, KillMoment.DuringStartup,
            KillMoment.Random, KillMoment.DuringSnapshot, KillMoment.Random, KillMoment.DuringSnapshot,
        ];
        plan = [.. plan.Take(1), .. plan.Skip(1).OrderBy(_ => random.Next())];
        var models = Enumerable.Range(0, WriterCount).Select(i => new WriterModel($"/w{i}", random.Next())).ToArray();
        using var dir = new TestDirectory();
        var port = FreePort.Next();
        await SetUpAsync(dir, port, models);

        var killedMidSnapshot = 0;
        var killedWithWritesInFlight = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (moment, cycle) in plan.Select((m, i) => (m, i)))
        {
            await using var server = await Servers.StartZkNetAsync(dir, Config, port, wait: moment != KillMoment.DuringStartup);
            if (moment == KillMoment.DuringStartup)
            {
                // Recovery replays the log and writes the startup snapshot of 20,000+ nodes: kill somewhere in it.
                await Task.Delay(random.Next(50, 600));
                await server.KillAsync();
                output.WriteLine($"cycle {cycle}: killed during startup");
                continue;
            }
            await VerifyAndRestartModelsAsync(server.Port, models, cycle, seed);
            var staleTemp = SnapshotTempFiles(dir);
            var writers = await Writers.StartAsync(models, server.Port);
            if (moment == KillMoment.Random)
            {
                await Task.WhenAny(writers, Task.Delay(random.Next(100, 900)));
            }
            else
            {
                await WaitForSnapshotInProgressAsync(dir, staleTemp, writers);
            }
            await server.KillAsync();
            var leftTemp = SnapshotTempFiles(dir).Except(staleTemp).Any();
            killedMidSnapshot += leftTemp ? 1 : 0;
            await writers.WaitAsync(TimeSpan.FromSeconds(30));
            var inFlight = models.Sum(m => m.Sent - m.AckedPrefix);
            killedWithWritesInFlight += inFlight > 0 ? 1 : 0;
            output.WriteLine($"cycle {cycle}: {moment}, sent {models.Sum(m => m.Sent)}, unacknowledged at the kill {inFlight}, " +
                $"snapshot in progress {leftTemp}, {clock.Elapsed.TotalSeconds:F1} s");
        }
        await using (var server = await Servers.StartZkNetAsync(dir, Config, port))
        {
            await VerifyAndRestartModelsAsync(server.Port, models, plan.Length, seed);
            // Snapshots cut short by the kills leave temporary files; startup deletes them rather than let them pile up.
            Assert.Empty(SnapshotTempFiles(dir));
        }

        output.WriteLine($"acknowledged writes {models.Sum(m => m.TotalAcked)}, kills mid-snapshot {killedMidSnapshot}, with writes in flight {killedWithWritesInFlight}");
        Assert.True(models.Sum(m => m.TotalAcked) > 1000, "the writers should get well over a thousand writes acknowledged");
        Assert.True(killedWithWritesInFlight >= 3, "kills should land while writes are in flight");
        Assert.True(killedMidSnapshot >= 1, $"at least one kill should land while a snapshot is being written (seed {seed})");
    }

    /// <summary>One server lifetime creates the writers' roots and a large, stable tree that makes snapshots slow.</summary>
    private static async Task SetUpAsync(TestDirectory dir, int port, IEnumerable<WriterModel> models)
    {
        await using var server = await Servers.StartZkNetAsync(dir, Config, port);
        await using var client = await WireClient.ConnectAsync(server.Port);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/fill", "")).Err);
        foreach (var model in models)
        {
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync(model.Root, "")).Err);
        }
        var filler = new string('f', 64);
        for (var start = 0; start < FillerNodes; start += 500)
        {
            var replies = await Task.WhenAll(Enumerable.Range(start, 500).Select(i => client.CreateAsync($"/fill/f{i}", filler)));
            Assert.All(replies, r => Assert.Equal(ErrorCode.Ok, r.Err));
        }
        await server.KillAsync();
    }

    private static async Task VerifyAndRestartModelsAsync(int port, WriterModel[] models, int cycle, int seed)
    {
        await using var client = await WireClient.ConnectAsync(port);
        var root = (await client.GetChildrenAsync("/")).ReadOk<GetChildren2Response>("getChildren /").Children;
        Assert.Equal(["fill", "w0", "w1", "w2", "w3", "zookeeper"], root.Order(StringComparer.Ordinal));
        var fill = (await client.GetChildrenAsync("/fill")).ReadOk<GetChildren2Response>("getChildren /fill");
        Assert.Equal(FillerNodes, fill.Stat.NumChildren);
        foreach (var model in models)
        {
            var recovered = await Writers.ReadSubtreeAsync(client, model.Root);
            var (applied, explanation) = model.Match(recovered);
            Assert.True(applied is not null, $"after restart {cycle} (seed {seed}): {explanation}");
            model.Restart(recovered);
        }
    }

    /// <summary>Waits (bounded) until a snapshot file is being written, then returns at once so the kill lands in it.</summary>
    private static async Task WaitForSnapshotInProgressAsync(TestDirectory dir, HashSet<string> stale, Task writers)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5) && !writers.IsCompleted)
        {
            if (SnapshotTempFiles(dir).Except(stale).Any())
            {
                return;
            }
            await Task.Delay(1);
        }
    }

    private static HashSet<string> SnapshotTempFiles(TestDirectory dir) => [.. Directory.EnumerateFiles(dir.VersionDir, "snapshot.*.tmp")];
}
