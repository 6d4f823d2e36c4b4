using System.Diagnostics;
using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using Xunit.Abstractions;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// The rolling migration docs/migration.md describes, done on real processes: a running Apache ZooKeeper 3.8
/// ensemble has its members replaced by ZkNet one at a time (stopped with SIGTERM, started as ZkNet on the same
/// zoo.cfg, dataDir, myid and epoch files), followers first and the leader last, while a client keeps writing and
/// another keeps a session with an ephemeral node; then back to Apache ZooKeeper the same way. After every step the
/// ensemble has all three members, the replaced member serves what was written before it stopped, writes go on;
/// at the end every acknowledged write is on every member, the session and its ephemeral survived both migrations,
/// and the data directories recover to identical trees.
/// </summary>
public sealed class RollingMigrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_Apache_ensemble_moves_to_ZkNet_one_member_at_a_time_and_back_keeping_every_write_and_session()
    {
        await using var ensemble = new ProcessEnsemble(ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper);
        await ensemble.StartAllAsync();
        await ensemble.WaitForQuorumAsync();

        await using var owner = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString);
        await owner.CreateAsync("/owned", Encoding.UTF8.GetBytes("kept"), Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var session = owner.SessionId;
        await using var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString);
        await writer.CreateAsync("/acked", null, Acl.OpenAclUnsafe);

        var acked = new AcknowledgedWrites();
        var gaps = new WriteGaps();
        using var stop = new CancellationTokenSource();
        var writing = WriteUntilStoppedAsync(writer, acked, gaps, stop.Token);
        await acked.Reached(20).WaitAsync(TimeSpan.FromSeconds(60));

        var step = 0;
        foreach (var kind in new[] { ServerKind.ZkNet, ServerKind.ApacheZooKeeper })
        {
            foreach (var id in await FollowersFirstAsync(ensemble))
            {
                step++;
                await ReplaceAsync(ensemble, id, kind, step, acked, output);
                Assert.False(writing.IsCompleted, $"the writer stopped: {writing.Exception}");
            }
            Assert.All(ensemble.Ids, id => Assert.Equal(kind, ensemble.KindOf(id)));
            // The session outlived every member it was connected to.
            var owned = await RetryOnConnectionLossAsync(() => owner.GetDataAsync("/owned"));
            Assert.Equal("kept", Encoding.UTF8.GetString(owned.Data!));
            Assert.Equal(session, owned.Stat.EphemeralOwner);
            Assert.Equal(session, owner.SessionId);
        }

        await stop.CancelAsync();
        await writing;
        output.WriteLine($"{acked.Count} writes acknowledged; longest wait between two: {gaps.Longest.TotalMilliseconds:F0} ms");
        foreach (var id in ensemble.Ids)
        {
            await ProcessFailoverTests.AssertHoldsAsync(ensemble, id, acked);
            for (var s = 1; s <= step; s++)
            {
                await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
                Assert.NotNull(await reader.ExistsAsync($"/step-{s}"));
            }
        }
        await owner.CloseAsync();
        await ensemble.StopAndAssertIdenticalOnDiskAsync(await ensemble.WaitForQuorumAsync());
    }

    /// <summary>The current followers, then the leader: the leader is replaced last so that the ensemble elects once per kind.</summary>
    private static async Task<IReadOnlyList<long>> FollowersFirstAsync(ProcessEnsemble ensemble)
    {
        var leader = await ensemble.WaitForQuorumAsync();
        return [.. ensemble.Ids.Where(id => id != leader), leader];
    }

    private static async Task ReplaceAsync(ProcessEnsemble ensemble, long id, ServerKind kind, int step, AcknowledgedWrites acked, ITestOutputHelper output)
    {
        var before = ensemble.KindOf(id);
        var wasLeader = await ensemble.ModeAsync(id) == "leader";
        var clock = Stopwatch.StartNew();
        await ensemble.StopAsync(id);
        ensemble.Replace(id, kind);
        await ensemble.StartAsync(id);
        var leader = await ensemble.WaitForQuorumAsync();
        output.WriteLine($"step {step}: member {id} ({(wasLeader ? "leader" : "follower")}) {before} -> {kind}: all three serving after {clock.ElapsedMilliseconds} ms, leader {leader}");

        // The new process serves what the ensemble wrote before it stopped and takes writes made through it.
        var written = acked.Count;
        await using (var direct = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id)))
        {
            await direct.SyncAsync("/acked");
            var children = (await direct.GetChildrenAsync("/acked")).Select(c => "/acked/" + c).ToHashSet(StringComparer.Ordinal);
            var missing = acked.Paths.Take(written).Where(p => !children.Contains(p)).ToList();
            Assert.True(missing.Count == 0, $"member {id} lacks {missing.Count} acknowledged writes after step {step}: {string.Join(", ", missing.Take(5))}\n{ensemble.Report()}");
            await direct.CreateAsync($"/step-{step}", Encoding.UTF8.GetBytes(kind.ToString()), Acl.OpenAclUnsafe);
        }
        // The writer, connected to the whole ensemble, goes on.
        await acked.Reached(written + 10).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task WriteUntilStoppedAsync(ZooKeeperClient client, AcknowledgedWrites acked, WriteGaps gaps, CancellationToken stop)
    {
        var sinceLast = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                acked.Add(await client.CreateAsync("/acked/w-", null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential, cancellationToken: stop));
                gaps.Record(sinceLast.Elapsed);
                sinceLast.Restart();
                // A steady trickle, not a flood: the point is that writes keep being acknowledged across each step.
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (KeeperException ex) when (ex is ConnectionLossException or OperationTimeoutException)
            {
                // Outcome unknown: not counted. The client moves to another member on its own.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task<T> RetryOnConnectionLossAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (ConnectionLossException) when (attempt < 60)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The longest time between two acknowledged writes: how long clients could not write during the migration.</summary>
    private sealed class WriteGaps
    {
        private long _longestTicks;

        public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

        public void Record(TimeSpan gap)
        {
            if (gap.Ticks > Interlocked.Read(ref _longestTicks))
            {
                Interlocked.Exchange(ref _longestTicks, gap.Ticks);
            }
        }
    }
}
