using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A session a client takes to another member (kazoo with the same session id and password): the member asks the
/// leader (REVALIDATE), the session works there, and a write still sent through its old member is SessionMoved.
/// </summary>
public sealed class SessionMoveTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(3);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task A_session_moved_to_another_follower_works_there_and_its_old_connection_gets_SessionMoved()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var followers = _ensemble.Ids.Where(id => id != leader).ToList();
        var result = await Kazoo.RunAsync("""
            first = KazooClient(hosts=sys.argv[1].split(";")[0], timeout=20.0)
            first.start(timeout=30)
            first.create("/before-move", b"")
            second = KazooClient(hosts=sys.argv[1].split(";")[1], timeout=20.0, client_id=first.client_id)
            second.start(timeout=30)
            second.create("/after-move", b"")
            try:
                first.create("/through-old", b"")
                outcome = "ok"
            except Exception as e:
                outcome = type(e).__name__
            print(json.dumps({"same": first.client_id[0] == second.client_id[0], "old": outcome,
                              "exists": second.exists("/through-old") is not None}))
            second.stop()
            """, _ensemble.ConnectStringOf(followers[0]) + ";" + _ensemble.ConnectStringOf(followers[1]));

        Assert.True(result.GetProperty("same").GetBoolean(), result.ToString());
        Assert.Equal("SessionMovedError", result.GetProperty("old").GetString());
        Assert.False(result.GetProperty("exists").GetBoolean());
    }
}
