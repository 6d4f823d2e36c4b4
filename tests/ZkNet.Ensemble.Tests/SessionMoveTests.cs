using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A session a client takes to another member (kazoo with the same session id and password): the member asks the
/// leader (REVALIDATE) and the session works there; a write (a multi, a plain create) still sent through its old
/// member is refused by the leader (SessionMoved) and the old member closes that connection without an answer, as
/// ZooKeeper does (ZOOKEEPER-710), so the client sees ConnectionLoss and nothing is applied; the old connection's
/// reconnect moves the session back. The same script runs on Apache
/// ZooKeeper 3.8 ensembles and on mixed ones, where the leader checking ownership and the members the session moves
/// between are of different kinds.
/// </summary>
public sealed class SessionMoveTests
{
    private const ServerKind Z = ServerKind.ZkNet;
    private const ServerKind A = ServerKind.ApacheZooKeeper;

    /// <summary>Member 3 leads each layout (see <see cref="MixedEnsembleTests"/>); the session moves between 1 and 2.</summary>
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [Z, Z, Z] },
        { [A, A, A] },
        { [A, A, Z] },
        { [Z, Z, A] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_write_through_the_member_a_session_left_drops_that_connection_and_is_not_applied(ServerKind[] kinds)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());
        await ensemble.StartAsync(2);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());

        // Two sessions, each taken from member 1 to member 2 once (a client on member 2 with the same id and
        // password): a multi through member 1 after the first move, a plain write after the second, both refused.
        // The first session's client then reconnects to member 1, which moves that session back, and writes there.
        // (One session moved back and forth proved racy on Apache ZooKeeper itself: a plain write through member 2
        // after the move back was once accepted there too, so each refusal here follows a single move.) Each client
        // records its connection states, to tell a reconnect from a refusal if this fails.
        var result = await Kazoo.RunAsync("""
            states = {}
            def attempt(call):
                try:
                    result = call()
                    return [type(r).__name__ for r in result] if isinstance(result, list) else "ok"
                except Exception as e:
                    return type(e).__name__
            def connect(name, host, client_id=None):
                client = KazooClient(hosts=host, timeout=20.0, client_id=client_id)
                states[name] = []
                client.add_listener(lambda state, name=name: states[name].append(str(state)))
                client.start(timeout=30)
                return client
            one, two = sys.argv[1].split(";")
            first = connect("first", one)
            second = connect("second", two, first.client_id)
            same = first.client_id[0] == second.client_id[0]
            second.create("/moved-to-second", b"")
            t = first.transaction()
            t.create("/multi-1", b"")
            t.create("/multi-2", b"")
            multi = attempt(t.commit)
            first.retry(first.exists, "/")
            back = attempt(lambda: first.create("/moved-back", b""))
            third = connect("third", one)
            fourth = connect("fourth", two, third.client_id)
            fourth.create("/moved-to-fourth", b"")
            plain = attempt(lambda: third.create("/through-third", b""))
            checker = connect("checker", one)
            checker.sync("/")
            print(json.dumps({"same": same, "multi": multi, "back": back, "plain": plain,
                              "applied": [p for p in ["/moved-to-second", "/multi-1", "/multi-2", "/moved-back", "/moved-to-fourth", "/through-third"]
                                          if checker.exists(p) is not None],
                              "states": states}))
            for client in (first, second, third, fourth, checker):
                client.stop()
            """, ensemble.ConnectStringOf(1) + ";" + ensemble.ConnectStringOf(2));

        // The whole outcome at once, so a failure shows every step (and the members' logs say why).
        var applied = string.Join(",", result.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
        var outcome = $"same={result.GetProperty("same").GetBoolean()} multi={result.GetProperty("multi")} back={result.GetProperty("back")} "
            + $"plain={result.GetProperty("plain")} applied={applied}";
        Assert.True(outcome == "same=True multi=ConnectionLoss back=ok plain=ConnectionLoss applied=/moved-to-second,/moved-back,/moved-to-fourth",
            result.GetRawText() + "\n" + ensemble.Report());
    }
}
