using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Multi;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Local sessions (localSessionsEnabled=true) in a ZkNet ensemble in this process: a new session on any member is
/// that member's own (no createSession txn, so no zxid is taken; closing it takes none either); it reads, watches and
/// writes through the leader; it cannot move to another member; an ephemeral create upgrades it to a global session
/// first (localSessionsUpgradingEnabled=true) or fails with EphemeralOnLocalSession. A txn takes a zxid on the
/// leader before the client is answered, so the leader's last zxid right after an answer says whether one was made.
/// The same expectations run on Apache ZooKeeper 3.8 in <see cref="LocalSessionDifferentialTests"/>.
/// </summary>
public sealed class LocalSessionTests
{
    private static Func<long, string> Local(bool upgrading) =>
        _ => $"localSessionsEnabled=true\nlocalSessionsUpgradingEnabled={(upgrading ? "true" : "false")}\n";

    [Fact]
    public async Task A_new_session_on_any_member_is_its_own_and_makes_no_txn_until_it_writes()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: Local(upgrading: false));
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        await using (var setup = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            await setup.CreateAsync("/data", "0"u8.ToArray(), Acl.OpenAclUnsafe);
        }

        foreach (var id in ensemble.Ids)
        {
            var before = LeaderZxid(ensemble, leader);
            var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(id));
            Assert.Equal(id, client.SessionId >> 56);
            Assert.Equal(before, LeaderZxid(ensemble, leader));

            // Reads and watches are served here; a write goes through the leader and reaches every member.
            var watch = new TaskWatcher();
            Assert.NotNull(await client.ExistsAsync("/data", watch));
            await using (var other = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(ensemble.Ids.First(m => m != id))))
            {
                await other.SetDataAsync("/data", "changed"u8.ToArray());
            }
            Assert.Equal(EventType.NodeDataChanged, (await watch.Triggered.WaitAsync(TimeSpan.FromSeconds(30))).Type);
            await client.SetDataAsync("/data", "by a local session"u8.ToArray());
            var created = await client.CreateAsync($"/from-{id}", null, Acl.OpenAclUnsafe);
            await client.CreateAsync($"/container-{id}", null, Acl.OpenAclUnsafe, CreateMode.Container);
            foreach (var member in ensemble.Ids)
            {
                await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(member));
                await reader.SyncAsync("/");
                Assert.NotNull(await reader.ExistsAsync(created));
                Assert.Equal("by a local session", System.Text.Encoding.UTF8.GetString((await reader.GetDataAsync("/data")).Data!));
            }

            var afterWrites = LeaderZxid(ensemble, leader);
            await client.CloseAsync();
            Assert.Equal(afterWrites, LeaderZxid(ensemble, leader));
        }
    }

    [Fact]
    public async Task Without_local_sessions_a_new_session_and_its_close_each_take_a_zxid()
    {
        // The control for the zxid comparisons above: global sessions are txns.
        await using var ensemble = new EnsembleHarness(3);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        var before = LeaderZxid(ensemble, leader);
        var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(follower));
        Assert.Equal(before + 1, LeaderZxid(ensemble, leader));
        await client.CloseAsync();
        Assert.Equal(before + 2, LeaderZxid(ensemble, leader));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ephemeral_from_a_local_session_upgrades_it_to_a_global_session_that_can_move(bool onLeader)
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: Local(upgrading: true));
        var (leader, home) = await StartAsync(ensemble, onLeader);
        var elsewhere = ensemble.Ids.First(id => id != home && id != leader);

        var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(home));
        var before = LeaderZxid(ensemble, leader);
        await client.CreateAsync("/ephemeral", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        // createSession (made by the server) and the create.
        Assert.Equal(before + 2, LeaderZxid(ensemble, leader));
        await using (var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(elsewhere)))
        {
            await reader.SyncAsync("/");
            Assert.Equal(client.SessionId, (await reader.ExistsAsync("/ephemeral"))!.Value.EphemeralOwner);
        }
        // A second ephemeral needs no second upgrade.
        await client.CreateAsync("/ephemeral-2", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        Assert.Equal(before + 3, LeaderZxid(ensemble, leader));

        // Global now: another member takes it (the leader revalidates it).
        var moved = await RawHandshake.ResumeAsync(ensemble.ConnectStringOf(elsewhere), client.SessionId, client.SessionPassword);
        Assert.NotNull(moved);
        Assert.Equal(client.SessionId, moved.SessionId);
        Assert.True(moved.TimeOut > 0);

        await client.CloseAsync();
        await using var after = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(elsewhere));
        await after.SyncAsync("/");
        Assert.Null(await after.ExistsAsync("/ephemeral"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_upgrading_an_ephemeral_from_a_local_session_fails_with_EphemeralOnLocalSession(bool onLeader)
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: Local(upgrading: false));
        var (_, home) = await StartAsync(ensemble, onLeader);
        await using var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(home));

        var refused = await Assert.ThrowsAnyAsync<KeeperException>(() =>
            client.CreateAsync("/ephemeral", null, Acl.OpenAclUnsafe, CreateMode.EphemeralSequential));
        Assert.Equal(ErrorCode.EphemeralOnLocalSession, refused.Code);
        await Assert.ThrowsAnyAsync<KeeperException>(() => client.MultiAsync(
            [Op.Create("/in-multi", null, Acl.OpenAclUnsafe), Op.Create("/ephemeral-in-multi", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral)]));
        Assert.Null(await client.ExistsAsync("/in-multi"));
        var ephemerals = await client.GetChildrenAsync("/");
        Assert.DoesNotContain(ephemerals, name => name.StartsWith("ephemeral", StringComparison.Ordinal));

        // Still local: it cannot move, and it can go on writing persistent nodes.
        var moved = await RawHandshake.ResumeAsync(ensemble.ConnectStringOf(ensemble.Ids.First(id => id != home)), client.SessionId, client.SessionPassword);
        Assert.Equal(0, moved?.TimeOut ?? 0);
        await client.CreateAsync("/persistent", null, Acl.OpenAclUnsafe);
    }

    [Fact]
    public async Task A_local_session_cannot_move_to_another_member()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: Local(upgrading: true));
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        foreach (var home in ensemble.Ids)
        {
            await using var client = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(home));
            foreach (var other in ensemble.Ids.Where(id => id != home))
            {
                var answer = await RawHandshake.ResumeAsync(ensemble.ConnectStringOf(other), client.SessionId, client.SessionPassword);
                Assert.True(answer is null or { TimeOut: 0, SessionId: 0 }, $"member {other} took member {home}'s local session (leader {leader})");
            }
            // Its own member still serves it.
            await client.ExistsAsync("/");
        }
    }

    [Fact]
    public async Task A_local_session_expires_on_its_member_without_a_txn()
    {
        await using var ensemble = new EnsembleHarness(3, extraConfig: Local(upgrading: true));
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var home = ensemble.Ids.First(id => id != leader);
        var before = LeaderZxid(ensemble, leader);

        // A client that never pings: its member expires the session (400 ms, the minimum at tickTime 200) and closes
        // the connection.
        using var silent = await RawHandshake.SendAsync(ensemble.ConnectStringOf(home), timeoutMs: 400);
        var session = await RawHandshake.ReadResponseAsync(silent);
        Assert.NotNull(session);
        Assert.Equal(home, session.SessionId >> 56);
        Assert.Null(await RawHandshake.ReadFrameAsync(silent).WaitAsync(TimeSpan.FromSeconds(30)));

        var back = await RawHandshake.ResumeAsync(ensemble.ConnectStringOf(home), session.SessionId, session.Passwd);
        Assert.True(back is null or { TimeOut: 0 }, "the expired local session was renewed");
        Assert.Equal(before, LeaderZxid(ensemble, leader));
    }

    [Fact]
    public async Task Weighted_connection_throttling_charges_a_new_local_session_the_local_weight()
    {
        // connection_throttle_tokens counts global sessions: weighted, one is 3 tokens, never refilled here. A new
        // session that starts local costs connection_throttle_local_session_weight (1), so three get in, not one.
        await using var ensemble = new EnsembleHarness(3, extraConfig: _ => "localSessionsEnabled=true\nconnection_throttle_tokens=1\n"
            + "connection_throttle_fill_time=1000000000\nconnection_throttle_weight_enabled=true\n");
        var (_, home) = await StartAsync(ensemble, onLeader: false);
        for (var i = 0; i < 3; i++)
        {
            using var admitted = await RawHandshake.SendAsync(ensemble.ConnectStringOf(home));
            Assert.NotNull(await RawHandshake.ReadResponseAsync(admitted));
        }
        using var refused = await RawHandshake.SendAsync(ensemble.ConnectStringOf(home));
        Assert.Null(await RawHandshake.ReadResponseAsync(refused));
        Assert.Equal(1, ensemble.Member(home).Core.Metrics.Counter("connection_rejected").Value);
    }

    /// <summary>Starts the ensemble: its leader, and the member a client is to use (the leader or a follower).</summary>
    private static async Task<(long Leader, long Home)> StartAsync(EnsembleHarness ensemble, bool onLeader)
    {
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        return (leader, onLeader ? leader : ensemble.Ids.First(id => id != leader));
    }

    /// <summary>The last zxid the leader assigned (a txn takes one before its client is answered).</summary>
    private static long LeaderZxid(EnsembleHarness ensemble, long leader) => ensemble.Member(leader).Core.LastZxid;
}
