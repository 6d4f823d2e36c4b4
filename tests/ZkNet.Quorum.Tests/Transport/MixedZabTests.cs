using ZkNet.Client;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Transport;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>
/// ZkNet's ZAB learner speaks Apache ZooKeeper 3.8's quorum protocol: it syncs with an Apache leader and its
/// acknowledgements count in that leader's quorum.
/// </summary>
public sealed class MixedZabTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_ZkNet_follower_syncs_with_an_Apache_ZooKeeper_leader_and_its_acks_make_the_quorum()
    {
        var config = LoopbackElectionTests.Config(3);
        await using var two = ApacheQuorumMember.Start(2, config);
        await using var three = ApacheQuorumMember.Start(3, config);
        // The two Apache members elect 3 between them first (equal histories, the higher id). Were member 1 to look at
        // the same time, it could agree on 2 with member 2 an instant before member 2 hears 3, and follow a member
        // that never leads (a loaded machine's slow JVM start made that happen).
        await three.WaitForModeAsync("leader", Bound);
        await using var election = new ElectionMember(1, config);
        var outcome = await election.Driver.LookForLeaderAsync(0, 0).WaitAsync(Bound);
        Assert.Equal(ServerState.Following, outcome.State);
        Assert.Equal(3, outcome.Vote.Leader);
        var (leader, other) = (three, two);

        var db = new MemoryZabDatabase();
        var options = new ZabOptions { TickTime = 1000, InitLimit = 10, SyncLimit = 5 };
        await using var driver = new LearnerDriver(new ZabLearner(1, observer: false, db, options), db, options);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => driver.RunAsync(config.Members[leader.Sid].QuorumAddress, stop.Token));
        var epoch = await driver.Serving.WaitAsync(Bound);
        Assert.Equal(epoch, db.CurrentEpoch);
        Assert.Equal(epoch, db.AcceptedEpoch);

        // With the other Apache member gone, Apache's leader can commit only with ZkNet's acknowledgement.
        await other.DisposeAsync();
        await using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = $"127.0.0.1:{leader.ClientPort}" }).WaitAsync(Bound);
        await client.CreateAsync("/zknet-follower", "counted"u8.ToArray(), Acl.OpenAclUnsafe).WaitAsync(Bound);

        // Apache's leader answers once the quorum acknowledged, before its COMMIT reaches this learner.
        var applied = await db.WhenApplied(t => Decode(t) is CreateTxn { Path: "/zknet-follower" }).WaitAsync(Bound);
        var created = (CreateTxn)Decode(applied)!;
        Assert.Equal("counted"u8.ToArray(), created.Data);
        Assert.False(driver.Quit.IsCompleted, "the learner left the leader");
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_ZkNet_follower_takes_a_snapshot_sync_from_an_Apache_ZooKeeper_leader()
    {
        var config = LoopbackElectionTests.Config(3);
        await using var two = ApacheQuorumMember.Start(2, config);
        await using var three = ApacheQuorumMember.Start(3, config, "-Dzookeeper.forceSnapshotSync=true");
        await three.WaitForModeAsync("leader", Bound);
        await using (var writer = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = $"127.0.0.1:{three.ClientPort}" }).WaitAsync(Bound))
        {
            for (var i = 0; i < 20; i++)
            {
                await writer.CreateAsync($"/before-{i}", new byte[100], Acl.OpenAclUnsafe).WaitAsync(Bound);
            }
        }
        await using var election = new ElectionMember(1, config);
        Assert.Equal(3, (await election.Driver.LookForLeaderAsync(0, 0).WaitAsync(Bound)).Vote.Leader);

        var db = new MemoryZabDatabase();
        var options = new ZabOptions { TickTime = 1000, InitLimit = 10, SyncLimit = 5 };
        await using var driver = new LearnerDriver(new ZabLearner(1, observer: false, db, options), db, options);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => driver.RunAsync(config.Members[3].QuorumAddress, stop.Token));
        await driver.Serving.WaitAsync(Bound);

        // The snapshot was read off the stream whole (its reader found the signature, and the packets behind it were
        // read as packets) into a tree holding the nodes written before.
        var tree = db.LoadedSnapshot;
        Assert.NotNull(tree);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(100, tree.GetNode($"/before-{i}")!.Data!.Length);
        }
        await stop.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task Apache_ZooKeeper_followers_sync_with_a_ZkNet_leader_and_apply_what_it_commits()
    {
        var config = LoopbackElectionTests.Config(3);
        // ZkNet (sid 3) and Apache member 1 first: a quorum needs both, and the larger sid leads. ZkNet's leader
        // listens before member 1 can decide: Apache's follower tries the leader's port 5 times 100 ms apart, then
        // looks again, and finds no quorum to follow 3 with while member 2 is down (a loaded machine once took longer
        // than that between the election and the leader's bind). Its discovery wait counts from here, hence 30 ticks.
        await using var election = new ElectionMember(3, config);
        var looking = election.Driver.LookForLeaderAsync(0, 0);
        var db = new MemoryZabDatabase();
        var options = new ZabOptions { TickTime = 1000, InitLimit = 30, SyncLimit = 5 };
        await using var leader = new LeaderDriver(new ZabLeader(3, config, db, options), config.Members[3].QuorumAddress, options);
        var committed = new TaskCompletionSource<ZabTxn>(TaskCreationOptions.RunContinuationsAsynchronously);
        leader.Committed += txn => committed.TrySetResult(txn);
        leader.Start();
        await using var one = ApacheQuorumMember.Start(1, config);
        Assert.Equal(ServerState.Leading, (await looking.WaitAsync(Bound)).State);
        long epoch;
        try
        {
            epoch = await leader.Established.WaitAsync(Bound);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"the ZkNet leader was not established; Apache member 1 said:\n{one.Output[^Math.Min(one.Output.Length, 6000)..]}", ex);
        }
        await one.WaitForModeAsync("follower", Bound);
        // Apache member 2 joins the running ensemble: it learns the leader from the others and syncs with ZkNet.
        await using var two = ApacheQuorumMember.Start(2, config);
        await two.WaitForModeAsync("follower", Bound);

        var zxid = Zxid.Make(epoch, 1);
        var txn = new ZabTxn(zxid, Encode(new TxnHeader(0, 0, zxid, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), (int)OpCode.Create),
            new CreateTxn("/from-zknet-leader", "hi"u8.ToArray(), Acl.OpenAclUnsafe, false, 1)));
        Assert.True(leader.Propose(txn));
        db.Append(txn);
        leader.LocalDurable(zxid);

        Assert.Equal(zxid, (await committed.Task.WaitAsync(Bound)).Zxid);
        foreach (var follower in new[] { one, two })
        {
            await follower.WaitForSrvrAsync($"Zxid: 0x{zxid:x}", Bound);
        }
        Assert.Contains("Node count: 6", await one.SrvrAsync(), StringComparison.Ordinal);
    }

    private static byte[] Encode(TxnHeader header, IJuteRecord body)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        header.Serialize(writer);
        body.Serialize(writer);
        return output.WrittenSpan.ToArray();
    }

    private static IJuteRecord? Decode(ZabTxn txn)
    {
        var reader = new JuteReader(txn.Data);
        var header = TxnHeader.Deserialize(ref reader);
        return (OpCode)header.Type == OpCode.Create ? CreateTxn.Deserialize(ref reader) : null;
    }
}
