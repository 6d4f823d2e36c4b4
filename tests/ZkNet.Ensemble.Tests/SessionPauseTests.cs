using System.Diagnostics;
using System.Threading.Channels;
using Xunit.Abstractions;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Ensemble.Tests.Faults;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A member paused (SIGSTOP) for longer than a client's session timeout, as a long GC pause or a stalled VM would: the
/// follower the client is connected to, or the leader. ZooKeeper promises that the session then either moves to another
/// member in time (same session, its ephemeral intact) or expires with its ephemerals removed, the same through every
/// member; a paused leader is replaced, and, resumed (SIGCONT), rejoins as a follower holding exactly the others' tree.
/// The paused leader runs on Apache ZooKeeper 3.8 too, as the reference.
/// </summary>
public sealed class SessionPauseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Pause = SessionTimeout + TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public Task A_session_whose_member_is_paused_past_its_timeout_moves_to_another_member_or_expires_everywhere() =>
        RunAsync(ServerKind.ZkNet, pauseLeader: false);

    /// <summary>
    /// The client knows no other member, so its session cannot move: the leader expires it while its member is paused,
    /// its ephemeral goes everywhere, and the resumed member tells the returning client that the session expired
    /// rather than taking it back.
    /// </summary>
    [Fact]
    public Task A_session_that_cannot_leave_its_paused_member_expires_everywhere_and_stays_expired_when_the_member_resumes() =>
        RunAsync(ServerKind.ZkNet, pauseLeader: false, pinned: true);

    [Theory]
    [InlineData(ServerKind.ZkNet)]
    [InlineData(ServerKind.ApacheZooKeeper)]
    public Task A_leader_paused_past_the_session_timeout_is_replaced_and_rejoins_as_a_follower_without_diverging(ServerKind kind) =>
        RunAsync(kind, pauseLeader: true);

    private async Task RunAsync(ServerKind kind, bool pauseLeader, bool pinned = false)
    {
        await using var ensemble = new ProcessEnsemble(kind, kind, kind);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var host = ensemble.Ids.First(id => id != leader);
        var paused = pauseLeader ? leader : host;
        var others = ensemble.Ids.Where(id => id != paused).ToList();

        // The client starts on a follower (hosts in order) and may move to any member.
        var states = Channel.CreateUnbounded<KeeperState>();
        await using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = pinned ? ensemble.ConnectStringOf(host) : string.Join(",", ensemble.Ids.OrderBy(id => id != host).Select(ensemble.ConnectStringOf)),
            ShuffleHosts = false,
            SessionTimeout = SessionTimeout,
            ConnectTimeout = Bound,
        });
        client.DefaultWatcher = Watcher.Create(e =>
        {
            if (e.IsStateChange)
            {
                states.Writer.TryWrite(e.State);
            }
        });
        var session = client.SessionId;
        await client.CreateAsync("/paused", null, Acl.OpenAclUnsafe);
        await client.CreateAsync("/paused/eph", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var first = await ensemble.MemberHostingAsync(session);
        Assert.True(first == host, $"the client started on member {first}, not {host}:\n{ensemble.Report()}");

        // For a client that cannot move: its ephemeral's deletion, seen through another member, is the expiry.
        await using var observer = pinned ? await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(others[0])) : null;
        var deletion = new TaskWatcher();
        if (observer is not null)
        {
            Assert.NotNull(await observer.ExistsAsync("/paused/eph", deletion));
        }

        await ensemble.SignalAsync(paused, "STOP");
        var pausedFor = Stopwatch.StartNew();
        output.WriteLine($"member {paused} ({(pauseLeader ? "leader" : "follower hosting session")} 0x{session:x}) paused; session timeout {client.SessionTimeout}");
        if (pinned)
        {
            var deleted = await deletion.Triggered.WaitAsync(Bound);
            output.WriteLine($"{pausedFor.Elapsed.TotalSeconds:F1} s: {deleted.Type} {deleted.Path} seen through member {others[0]}");
            Assert.Equal(EventType.NodeDeleted, deleted.Type);
            await ResumeAfterPauseAsync(ensemble, paused, pausedFor);
            Assert.False(await SessionMovesAsync(states.Reader, ensemble), $"session 0x{session:x} came back on the resumed member {paused}");
            Assert.Equal(ClientState.Expired, client.State);
            await AssertRejoinedAsync(ensemble, paused, leader);
            await AssertEphemeralsAsync(ensemble, ensemble.Ids, moved: false, session);
            await Trees.AssertIdenticalAsync(ensemble, ensemble.Ids);
            return;
        }
        var moved = await SessionMovesAsync(states.Reader, ensemble);
        output.WriteLine($"{pausedFor.Elapsed.TotalSeconds:F1} s: session {(moved ? "moved" : "expired")}");
        var newLeader = await ensemble.WaitForQuorumAsync(others, Bound);
        output.WriteLine($"{pausedFor.Elapsed.TotalSeconds:F1} s: member {newLeader} leads the others");
        Assert.True(newLeader != paused, $"the paused member {paused} still leads:\n{ensemble.Report()}");
        if (moved)
        {
            Assert.Equal(session, client.SessionId);
            await client.CreateAsync("/paused/after", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
            var now = await ensemble.MemberHostingAsync(session);
            Assert.True(now != paused, $"session 0x{session:x} is still on the paused member {paused}");
        }
        await AssertEphemeralsAsync(ensemble, others, moved, session);
        await ResumeAfterPauseAsync(ensemble, paused, pausedFor);
        await AssertRejoinedAsync(ensemble, paused, newLeader);
        await AssertEphemeralsAsync(ensemble, ensemble.Ids, moved, session);
        await Trees.AssertIdenticalAsync(ensemble, ensemble.Ids);
    }

    /// <summary>Resumes (SIGCONT) the paused member once the pause has lasted past the session timeout.</summary>
    private async Task ResumeAfterPauseAsync(ProcessEnsemble ensemble, long paused, Stopwatch pausedFor)
    {
        // The pause is the fault itself: it lasts past the session timeout whatever the client did meanwhile.
        if (Pause - pausedFor.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }
        await ensemble.SignalAsync(paused, "CONT");
        output.WriteLine($"{pausedFor.Elapsed.TotalSeconds:F1} s: member {paused} resumed");
    }

    /// <summary>
    /// Waits (bounded) until the resumed member holds a znode written after it resumed (srvr alone can still say
    /// "follower" from before the pause until the member notices its leader link is gone), then checks that the whole
    /// ensemble serves with the resumed member following <paramref name="leader"/>.
    /// </summary>
    private async Task AssertRejoinedAsync(ProcessEnsemble ensemble, long paused, long leader)
    {
        var marker = "/paused/resumed";
        var deadline = DateTime.UtcNow + Bound;
        await UntilAsync(async () =>
        {
            await using var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString, TimeSpan.FromSeconds(10));
            await writer.CreateAsync(marker, null, Acl.OpenAclUnsafe);
        }, deadline, $"writing {marker}", ensemble);
        await UntilAsync(async () =>
        {
            await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(paused), TimeSpan.FromSeconds(10));
            await reader.SyncAsync("/paused");
            _ = await reader.ExistsAsync(marker) ?? throw new NoNodeException(marker);
        }, deadline, $"reading {marker} through the resumed member {paused}", ensemble);

        var finalLeader = await ensemble.WaitForQuorumAsync(timeout: Bound);
        if (finalLeader == leader)
        {
            var mode = await ensemble.ModeAsync(paused);
            Assert.True(mode == "follower", $"the resumed member {paused} is {mode ?? "not serving"}, not a follower of {leader}:\n{ensemble.Report()}");
        }
        else
        {
            // A later election (a slow machine can make a leader miss its followers' acks) may elect any up-to-date
            // member, the resumed one too: ZooKeeper allows it, so only the trees are checked then.
            output.WriteLine($"member {finalLeader} leads after another election (member {leader} led while {paused} was paused)");
        }
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, retrying client failures until the deadline.</summary>
    private static async Task UntilAsync(Func<Task> attempt, DateTime deadline, string what, ProcessEnsemble ensemble)
    {
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (e is KeeperException or TimeoutException && DateTime.UtcNow < deadline)
            {
                // The member is still electing or syncing: another client in a moment. NodeExists means a retried
                // create that had gone through.
                if (e is NodeExistsException)
                {
                    return;
                }
                await Task.Delay(200);
            }
            catch (Exception e) when (e is KeeperException or TimeoutException)
            {
                throw new TimeoutException($"{what} did not succeed within {Bound}: {e.Message}\n{ensemble.Report()}", e);
            }
        }
    }

    /// <summary>
    /// Waits (bounded) for the client to settle after losing its member: connected again in the same session (true), or
    /// told that the session expired (false).
    /// </summary>
    private static async Task<bool> SessionMovesAsync(ChannelReader<KeeperState> states, ProcessEnsemble ensemble)
    {
        using var bound = new CancellationTokenSource(Bound);
        var disconnected = false;
        try
        {
            while (true)
            {
                switch (await states.ReadAsync(bound.Token))
                {
                    case KeeperState.Disconnected:
                        disconnected = true;
                        break;
                    case KeeperState.SyncConnected when disconnected:
                        return true;
                    case KeeperState.Expired:
                        return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the client neither reconnected nor learned of its expiry within {Bound} (disconnected: {disconnected}):\n{ensemble.Report()}");
        }
    }

    /// <summary>
    /// Through each of <paramref name="members"/> after a sync: the session's ephemerals are there, owned by it, if it
    /// moved, and gone if it expired.
    /// </summary>
    private static async Task AssertEphemeralsAsync(ProcessEnsemble ensemble, IEnumerable<long> members, bool moved, long session)
    {
        foreach (var id in members)
        {
            await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id), Bound);
            await reader.SyncAsync("/paused");
            foreach (var path in moved ? new[] { "/paused/eph", "/paused/after" } : ["/paused/eph"])
            {
                var stat = await reader.ExistsAsync(path);
                Assert.True(moved ? stat is { } found && found.EphemeralOwner == session : stat is null,
                    $"{path} through member {id}: {(stat is null ? "missing" : $"owned by 0x{stat.Value.EphemeralOwner:x}")}, though the session " +
                    $"0x{session:x} {(moved ? "moved" : "expired")}\n{ensemble.Report()}");
            }
        }
    }
}
