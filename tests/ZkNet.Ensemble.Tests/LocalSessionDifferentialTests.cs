using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Local sessions with the same expectations on Apache ZooKeeper 3.8, ZkNet and both mixed layouts (member 3 leads):
/// a connect through a follower (member 1) or the leader takes no zxid; a persistent create takes one; an ephemeral
/// create upgrades the session (createSession made by the server, then the create: two zxids, and the session moves
/// to member 2) or, without upgrading, fails with EphemeralOnLocalSession (logged by the leader as an error txn: one
/// zxid); a session that stayed local is refused by member 2. In the mixed layouts the follower's forwarded writes of
/// a session the leader never saw, and the upgrade's createSession, cross from one kind to the other.
/// </summary>
public sealed class LocalSessionDifferentialTests
{
    private const ServerKind Z = ServerKind.ZkNet;
    private const ServerKind A = ServerKind.ApacheZooKeeper;

    public static TheoryData<ServerKind[], bool> Layouts => new()
    {
        { [A, A, A], false },
        { [Z, Z, Z], false },
        { [A, A, A], true },
        { [Z, Z, Z], true },
        { [A, A, Z], true },
        { [Z, Z, A], true },
        { [A, A, Z], false },
        { [Z, Z, A], false },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Local_sessions_behave_alike_on_every_kind_of_member(ServerKind[] kinds, bool upgrading)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        ensemble.Configure("localSessionsEnabled", "true");
        ensemble.Configure("localSessionsUpgradingEnabled", upgrading ? "true" : "false");
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());
        await ensemble.StartAsync(2);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());

        await using (var setup = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(1)))
        {
            // A first write of this epoch through member 1 (applied there before it is answered), so the zxids srvr
            // reports from here on are all of this epoch.
            await setup.CreateAsync("/setup", null, Acl.OpenAclUnsafe);
        }
        var seen = new List<string>();
        foreach (var home in new long[] { 1, 3 })
        {
            seen.Add(await RunOnAsync(ensemble, home));
        }
        var ephemeral = upgrading ? "ok +2, moves" : "EphemeralOnLocalSession +1, stays";
        Assert.True(
            seen.SequenceEqual([$"1: connect +0, persistent +1, ephemeral {ephemeral}", $"3: connect +0, persistent +1, ephemeral {ephemeral}"]),
            string.Join("\n", seen) + "\n" + ensemble.Report());
    }

    public static TheoryData<ServerKind[]> SingleKindLayouts => new() { { [A, A, A] }, { [Z, Z, Z] } };

    /// <summary>
    /// Weighted connection throttling with local sessions: connection_throttle_tokens counts global sessions (one is
    /// 3 tokens when weighted), never refilled here; a new session on a follower starts local and costs
    /// connection_throttle_local_session_weight (1), so three handshakes get in and the fourth is closed unanswered.
    /// </summary>
    [Theory]
    [MemberData(nameof(SingleKindLayouts))]
    public async Task A_new_local_session_costs_the_local_weight_on_either_kind(ServerKind[] kinds)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        ensemble.Configure("localSessionsEnabled", "true");
        ensemble.Configure("connection_throttle_tokens", "1");
        ensemble.Configure("connection_throttle_fill_time", "1000000000");
        ensemble.Configure("connection_throttle_weight_enabled", "true");
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());

        var held = new List<System.Net.Sockets.Socket>();
        try
        {
            var answered = new List<bool>();
            for (var i = 0; i < 5; i++)
            {
                var socket = await RawHandshake.SendAsync(ensemble.ConnectStringOf(1));
                held.Add(socket);
                answered.Add(await RawHandshake.ReadResponseAsync(socket).WaitAsync(TimeSpan.FromSeconds(30)) is not null);
            }
            Assert.True(answered.SequenceEqual([true, true, true, false, false]), string.Join(",", answered) + "\n" + ensemble.Report());
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>What a new session on member <paramref name="home"/> gets, and what each step costs in zxids there.</summary>
    private static async Task<string> RunOnAsync(ProcessEnsemble ensemble, long home)
    {
        var start = await ensemble.ZxidAsync(home);
        await using var client = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(home));
        Assert.Equal(home, client.SessionId >> 56);
        var connected = await ensemble.ZxidAsync(home);
        await client.CreateAsync($"/persistent-{home}", null, Acl.OpenAclUnsafe);
        var persistent = await ensemble.ZxidAsync(home);
        string outcome;
        try
        {
            await client.CreateAsync($"/ephemeral-{home}", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
            outcome = "ok";
        }
        catch (KeeperException e)
        {
            outcome = e.Code.ToString();
        }
        var ephemeral = await ensemble.ZxidAsync(home);
        var moved = await RawHandshake.ResumeAsync(ensemble.ConnectStringOf(2), client.SessionId, client.SessionPassword);
        var moves = moved is { TimeOut: > 0 } ? "moves" : "stays";
        return $"{home}: connect +{connected - start}, persistent +{persistent - connected}, ephemeral {outcome} +{ephemeral - persistent}, {moves}";
    }
}
