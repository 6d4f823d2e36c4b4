using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A session a client takes to another member (kazoo with the same session id and password): the member asks the
/// leader (REVALIDATE) and the session works there; a write still sent through its old member is refused by the
/// leader (SessionMoved) and the old member closes that connection without an answer, as ZooKeeper does
/// (ZOOKEEPER-710), so the client sees ConnectionLoss and nothing is applied. The same script runs on Apache
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

        // first (member 1) and second (member 2) share one session. A multi through first after the move to second
        // is refused; first's client reconnects to member 1, which moves the session back, so a plain write through
        // second is refused in turn.
        var result = await Kazoo.RunAsync("""
            def attempt(call):
                try:
                    result = call()
                    return [type(r).__name__ for r in result] if isinstance(result, list) else "ok"
                except Exception as e:
                    return type(e).__name__
            first = KazooClient(hosts=sys.argv[1].split(";")[0], timeout=20.0)
            first.start(timeout=30)
            second = KazooClient(hosts=sys.argv[1].split(";")[1], timeout=20.0, client_id=first.client_id)
            second.start(timeout=30)
            same = first.client_id[0] == second.client_id[0]
            second.create("/moved-to-second", b"")
            t = first.transaction()
            t.create("/multi-1", b"")
            t.create("/multi-2", b"")
            multi = attempt(t.commit)
            first.retry(first.exists, "/")
            back = attempt(lambda: first.create("/moved-back", b""))
            plain = attempt(lambda: second.create("/through-second", b""))
            print(json.dumps({"same": same, "multi": multi, "back": back, "plain": plain,
                              "applied": [p for p in ["/moved-to-second", "/multi-1", "/multi-2", "/moved-back", "/through-second"]
                                          if first.retry(first.exists, p) is not None]}))
            first.stop()
            """, ensemble.ConnectStringOf(1) + ";" + ensemble.ConnectStringOf(2));

        // The whole outcome at once, so a failure shows every step (and the members' logs say why).
        Assert.True(result.GetRawText() == """
            {"same": true, "multi": "ConnectionLoss", "back": "ok", "plain": "ConnectionLoss", "applied": ["/moved-to-second", "/moved-back"]}
            """, result.GetRawText() + "\n" + ensemble.Report());
    }
}
