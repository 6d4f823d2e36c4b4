using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Read-only mode (readonlymode.enabled): a member left without a quorum serves the tree it had, after a grace
/// period, to clients that accept a read-only server, refuses the others and answers their writes NotReadOnly; when
/// its ensemble is back it serves read-write again and read-only clients move to a real session. The same script
/// runs on Apache ZooKeeper 3.8, so every expectation is ZooKeeper's behaviour.
/// </summary>
public sealed class ReadOnlyModeTests
{
    public static TheoryData<ServerKind> Kinds => new() { ServerKind.ZkNet, ServerKind.ApacheZooKeeper };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_member_without_a_quorum_serves_read_only_clients_until_its_ensemble_returns(ServerKind kind)
    {
        await using var ensemble = new ProcessEnsemble(kind, kind, kind);
        ensemble.SystemProperties["readonlymode.enabled"] = "true";
        // Apache ZooKeeper 3.8 creates read-only sessions only as local sessions (without them it answers a new
        // read-only client's handshake with a bare NotReadOnly header, which no client can read). ZkNet's read-only
        // sessions are always the member's own; with the key its read-write roles make local sessions, as Apache's do.
        ensemble.Configure("localSessionsEnabled", "true");
        await ensemble.StartAllAsync();
        await ensemble.WaitForQuorumAsync();
        await using (var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString))
        {
            await writer.CreateAsync("/kept", "before the partition"u8.ToArray(), Acl.OpenAclUnsafe);
            // The write reaches member 1 before its peers go (a sync makes it apply everything committed).
            await using var viaOne = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(1));
            await viaOne.SyncAsync("/kept");
        }
        await ensemble.KillAsync(2);
        await ensemble.KillAsync(3);
        Assert.Equal("ro", await WaitForIsroAsync(ensemble, 1, "ro"));
        Assert.Equal("read-only", await ensemble.ModeAsync(1));
        Assert.Contains("READ-ONLY mode; serving only read-only clients\n", await ensemble.FourLetterWordAsync(1, "srvr"));

        var result = await Kazoo.RunAsync("""
            def attempt(call):
                try:
                    call()
                    return "ok"
                except Exception as e:
                    return type(e).__name__
            ro = KazooClient(hosts=sys.argv[1], timeout=10.0, read_only=True)
            ro.start(timeout=30)
            state = ro.client_state
            data = ro.get("/kept")[0].decode()
            ro.exists("/kept", watch=lambda e: None)
            create = attempt(lambda: ro.create("/during", b""))
            set_data = attempt(lambda: ro.set("/kept", b"changed"))
            delete = attempt(lambda: ro.delete("/kept"))
            t = ro.transaction()
            t.create("/in-multi", b"")
            multi = attempt(t.commit)
            sync = attempt(lambda: ro.sync("/kept"))
            rw = KazooClient(hosts=sys.argv[1], timeout=10.0)
            refused = attempt(lambda: rw.start(timeout=4))
            rw.stop()
            ro.stop()
            print(json.dumps({"state": state, "data": data, "create": create, "set": set_data, "delete": delete,
                              "multi": multi, "sync": sync, "refused": refused}))
            """, ensemble.ConnectStringOf(1));

        Assert.Equal("CONNECTED_RO", result.GetProperty("state").GetString());
        Assert.Equal("before the partition", result.GetProperty("data").GetString());
        Assert.Equal("NotReadOnlyCallError", result.GetProperty("create").GetString());
        Assert.Equal("NotReadOnlyCallError", result.GetProperty("set").GetString());
        Assert.Equal("NotReadOnlyCallError", result.GetProperty("delete").GetString());
        Assert.Equal("NotReadOnlyCallError", result.GetProperty("multi").GetString());
        Assert.Equal("NotReadOnlyCallError", result.GetProperty("sync").GetString());
        Assert.Equal("KazooTimeoutError", result.GetProperty("refused").GetString());

        // A .NET client that accepts read-only servers connects now and moves to a read-write session once the
        // ensemble is back (it probes with isro).
        var options = new ZooKeeperClientOptions
        {
            ConnectString = ensemble.ConnectString,
            SessionTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(60),
            CanBeReadOnly = true,
        };
        await using var client = new ZooKeeperClient(options);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var states = client.StateChangesAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        // The stream listens from its first MoveNextAsync, which must come before the connection.
        var first = states.MoveNextAsync();
        await client.OpenAsync(stop.Token);
        Assert.True(await first, "the client's state stream ended");
        Assert.Equal(KeeperState.ConnectedReadOnly, states.Current);
        Assert.Equal("before the partition", System.Text.Encoding.UTF8.GetString((await client.GetDataAsync("/kept")).Data));
        await Assert.ThrowsAsync<NotReadOnlyException>(() => client.SetDataAsync("/kept", "no"u8.ToArray()));
        var readOnlySession = client.SessionId;

        await ensemble.StartAsync(2);
        await ensemble.StartAsync(3);
        await ensemble.WaitForQuorumAsync();
        Assert.Equal("rw", await WaitForIsroAsync(ensemble, 1, "rw"));
        KeeperState state;
        do
        {
            state = await NextStateAsync(states);
        }
        while (state != KeeperState.SyncConnected);
        Assert.NotEqual(readOnlySession, client.SessionId);
        await client.SetDataAsync("/kept", "after the partition"u8.ToArray());
        await using var check = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(2));
        await check.SyncAsync("/kept");
        Assert.Equal("after the partition", System.Text.Encoding.UTF8.GetString((await check.GetDataAsync("/kept")).Data));
    }

    private static async Task<KeeperState> NextStateAsync(IAsyncEnumerator<KeeperState> states)
    {
        Assert.True(await states.MoveNextAsync(), "the client's state stream ended");
        return states.Current;
    }

    /// <summary>Polls member <paramref name="id"/>'s isro (bounded) until it answers <paramref name="wanted"/>.</summary>
    private static async Task<string> WaitForIsroAsync(ProcessEnsemble ensemble, long id, string wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await ensemble.FourLetterWordAsync(id, "isro")).Trim();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or OperationCanceledException)
            {
                last = ex.GetType().Name;
            }
            if (last == wanted)
            {
                return last;
            }
            // Another process's state, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(200);
        }
        throw new TimeoutException($"member {id} answered isro '{last}', not '{wanted}':\n{ensemble.Report()}");
    }
}
