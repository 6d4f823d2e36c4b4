using Xunit.Abstractions;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Ensemble.Tests.Clients;
using ZkNet.Ensemble.Tests.Faults;
using ZkNet.Recipes.Locks;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// One lock path taken in a loop by contenders of three implementations at once (Curator's InterProcessMutex in a JVM,
/// kazoo's Lock with Curator's node names in a Python process, ZkNet.Recipes' InterProcessMutex here), each with its own
/// session on three `zknet server` processes, while a member is killed (SIGKILL) in the middle of a hold: the leader,
/// or a follower that hosts the holder's session. No two holds overlap (<see cref="HoldHistory.Check"/>), unless a
/// session was lost, which is reported.
/// </summary>
public sealed class LockOverlapTests(ITestOutputHelper output)
{
    private const string LockPath = "/lock";
    private const int HoldMs = 30;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string[] Kinds = ["curator", "kazoo", "zknet"];

    [Fact]
    public Task Lock_holders_never_overlap_when_the_leader_is_killed_during_a_hold() =>
        RunAsync(killFollower: false);

    [Fact]
    public Task Lock_holders_never_overlap_when_the_follower_hosting_the_holder_is_killed_during_its_hold() =>
        RunAsync(killFollower: true);

    private async Task RunAsync(bool killFollower)
    {
        await using var ensemble = new ProcessEnsemble(ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var followers = ensemble.Ids.Where(id => id != leader).ToList();
        var history = new HoldHistory();
        var start = HoldHistory.Now();

        await using var curator = await ClientPrograms.StartJavaAsync(ensemble.ConnectString, "lock-curator", LockPath, "2", HoldMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var kazoo = ClientPrograms.StartKazoo(ensemble.ConnectString, "lock", LockPath, "2", HoldMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var stop = new CancellationTokenSource();
        long killing = 0, killedAt = 0;
        HoldEvent? interrupted = null;
        List<Task> contenders =
        [
            PumpAsync(curator, history), PumpAsync(kazoo, history),
            // The first starts on a follower (hosts in order), so a follower surely hosts some contender's session.
            ContendAsync("zknet0", string.Join(",", followers.Append(leader).Select(ensemble.ConnectStringOf)), shuffle: false, history, stop.Token),
            ContendAsync("zknet1", ensemble.ConnectString, shuffle: true, history, stop.Token),
        ];
        try
        {
            await WaitForHoldsAsync(history, 0, 10, "before the kill", curator, kazoo);

            long victim;
            HoldEvent during;
            if (killFollower)
            {
                // A session (from a hold so far) whose connection a follower holds; the follower dies at its next Enter.
                (victim, var session) = await FollowerHostingAHolderAsync(ensemble, leader, history);
                during = await history.NextAsync(e => e.Kind == HoldEventKind.Enter && e.Session == session).WaitAsync(Bound);
            }
            else
            {
                victim = leader;
                during = await history.NextAsync(e => e.Kind == HoldEventKind.Enter).WaitAsync(Bound);
            }
            killing = HoldHistory.Now();
            await ensemble.KillAsync(victim);
            killedAt = HoldHistory.Now();
            interrupted = during;
            output.WriteLine($"member {victim} ({(victim == leader ? "leader" : "follower")}) killed while {during.Holder} (session 0x{during.Session:x}) held the lock");
            await ensemble.WaitForQuorumAsync(timeout: Bound);
            await WaitForHoldsAsync(history, killedAt, 10, "after the kill", curator, kazoo);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var program in new[] { curator, kazoo })
            {
                try
                {
                    await program.SendAsync("stop");
                }
                catch (IOException)
                {
                    // It already ended; its transcript says why.
                }
            }
            await Task.WhenAll(contenders).WaitAsync(Bound);
        }

        var events = history.Events;
        var end = HoldHistory.Now();
        // Every contender's clock is the test's: a process reading another clock would put its times far outside.
        Assert.All(events, e => Assert.InRange(e.Time, start, end));
        if (interrupted is { } held && events.FirstOrDefault(e => e.Kind == HoldEventKind.Exit && e.Holder == held.Holder && e.Time > held.Time) is { Holder: not null } left)
        {
            // The holder releases right after its Exit: after the kill began, its release had to survive the failover.
            output.WriteLine($"{held.Holder} left its hold {(left.Time - killing) / 1e6:F1} ms after the kill began");
        }
        var verdict = HoldHistory.Check(events);
        output.WriteLine($"{verdict.Holds} holds; sessions lost: {(verdict.LostSessions.Count == 0 ? "none" : string.Join(", ", verdict.LostSessions.Select(s => $"0x{s:x}")))}");
        foreach (var lost in events.Where(e => e.Kind == HoldEventKind.Lost))
        {
            output.WriteLine($"{lost.Holder} reported session 0x{lost.Session:x} lost {(lost.Time - killedAt) / 1e9:F2} s after the kill");
        }
        foreach (var excused in verdict.Excused)
        {
            output.WriteLine("overlap excused by a lost session: " + excused);
        }
        Assert.True(verdict.Violations.Count == 0,
            $"lock holders overlapped:\n{string.Join("\n", verdict.Violations.Take(10))}\n--- curator\n{curator.Transcript}\n--- kazoo\n{kazoo.Transcript}\n{ensemble.Report()}");
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> holds began after <paramref name="since"/>, at least one by each kind of contender.</summary>
    private static async Task WaitForHoldsAsync(HoldHistory history, long since, int count, string when, LineProcess curator, LineProcess kazoo)
    {
        bool Enough()
        {
            var enters = history.Events.Where(e => e.Kind == HoldEventKind.Enter && e.Time > since).ToList();
            return enters.Count >= count && Kinds.All(kind => enters.Any(e => e.Holder.StartsWith(kind, StringComparison.Ordinal)));
        }
        var deadline = DateTime.UtcNow + Bound;
        while (!Enough())
        {
            var remaining = deadline - DateTime.UtcNow;
            try
            {
                await history.NextAsync(_ => true).WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"too few holds {when} by every kind within {Bound}:\n{string.Join("\n", history.Events.TakeLast(20))}\n" +
                    $"--- curator\n{curator.Transcript}\n--- kazoo\n{kazoo.Transcript}");
            }
        }
    }

    /// <summary>A follower and a session it hosts, among the sessions that have held the lock.</summary>
    private static async Task<(long Follower, long Session)> FollowerHostingAHolderAsync(ProcessEnsemble ensemble, long leader, HoldHistory history)
    {
        foreach (var session in history.Events.Where(e => e.Kind == HoldEventKind.Enter).Select(e => e.Session).Distinct())
        {
            var host = await ensemble.MemberHostingAsync(session);
            if (host != leader)
            {
                return (host, session);
            }
        }
        throw new InvalidOperationException("no follower hosts a contender's session");
    }

    /// <summary>Feeds a contender program's reports into the history until it ends.</summary>
    private static async Task PumpAsync(LineProcess program, HoldHistory history)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await program.ReadLineAsync(bound.Token) is { } line && line != "DONE")
        {
            history.TryAdd(line);
        }
    }

    /// <summary>
    /// ZkNet.Recipes' InterProcessMutex in a loop, reporting each hold like the contender programs; a lost session is
    /// reported and replaced by a new one.
    /// </summary>
    private static async Task ContendAsync(string name, string connectString, bool shuffle, HoldHistory history, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
                {
                    ConnectString = connectString,
                    SessionTimeout = TimeSpan.FromSeconds(10),
                    ConnectTimeout = Bound,
                    ShuffleHosts = shuffle,
                }, cancellationToken: stop);
                var session = client.SessionId;
                using var listener = client.AddConnectionStateListener(state =>
                {
                    if (state == ConnectionState.Lost)
                    {
                        history.Add(new HoldEvent(HoldEventKind.Lost, name, session, HoldHistory.Now()));
                    }
                });
                var mutex = new InterProcessMutex(client, LockPath);
                while (!stop.IsCancellationRequested && client.State != ClientState.Expired)
                {
                    try
                    {
                        if (!await mutex.AcquireAsync(TimeSpan.FromSeconds(5), stop))
                        {
                            continue;
                        }
                    }
                    catch (KeeperException)
                    {
                        await Task.Delay(100, stop);
                        continue;
                    }
                    history.Add(new HoldEvent(HoldEventKind.Enter, name, session, HoldHistory.Now()));
                    // The hold itself is not cut short by the stop: every Enter gets its Exit.
                    await Task.Delay(HoldMs, CancellationToken.None);
                    history.Add(new HoldEvent(HoldEventKind.Exit, name, session, HoldHistory.Now()));
                    try
                    {
                        await mutex.ReleaseAsync();
                    }
                    catch (KeeperException)
                    {
                        // Connection lost or session gone: the node goes with the session, or is deleted once back.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
