using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Tests.Watches;
using ZkNet.Server.Watches;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>Ephemerals are indexed per session and go when the session does.</summary>
public sealed class EphemeralTests
{
    private const long SessionA = 0x100;
    private const long SessionB = 0x200;
    private readonly Tree _tree = new();

    public EphemeralTests()
    {
        _tree.Apply(1, Txns.Create("/p"));
        _tree.Apply(2, Txns.Create("/p/a1", ephemeral: true), session: SessionA);
        _tree.Apply(3, Txns.Create("/a2", ephemeral: true), session: SessionA);
        _tree.Apply(4, Txns.Create("/p/b1", ephemeral: true), session: SessionB);
        _tree.Apply(5, Txns.Create("/persistent"), session: SessionA);
    }

    [Fact]
    public void Each_session_lists_only_its_own_ephemerals()
    {
        Assert.Equal(["/a2", "/p/a1"], _tree.GetEphemerals(SessionA).Order(StringComparer.Ordinal));
        Assert.Equal(["/p/b1"], _tree.GetEphemerals(SessionB));
        Assert.Empty(_tree.GetEphemerals(0x999));
        Assert.Equal(3, _tree.EphemeralCount);
        Assert.Equal([SessionA, SessionB], _tree.EphemeralOwners.Order());
    }

    [Fact]
    public void Closing_a_session_deletes_its_ephemerals_and_nothing_else()
    {
        _tree.Apply(6, new CloseSessionTxn(["/a2", "/p/a1"]), session: SessionA);

        Assert.Null(_tree.GetNode("/p/a1"));
        Assert.Null(_tree.GetNode("/a2"));
        Assert.NotNull(_tree.GetNode("/p/b1"));
        Assert.NotNull(_tree.GetNode("/persistent"));
        Assert.Empty(_tree.GetEphemerals(SessionA));
        Assert.Equal([SessionB], _tree.EphemeralOwners);
        Assert.Equal(6, _tree.StatAt("/p").Pzxid);
        Assert.Equal(1, _tree.StatAt("/p").NumChildren);
    }

    [Fact]
    public void Closing_a_session_fires_deletion_watches_for_its_ephemerals()
    {
        var watcher = new RecordingWatcher();
        _tree.DataWatches.AddWatch("/p/a1", watcher, WatcherMode.Standard);
        _tree.ChildWatches.AddWatch("/p", watcher, WatcherMode.Standard);

        _tree.Apply(6, new CloseSessionTxn([]), session: SessionA);

        Assert.Contains((EventType.NodeDeleted, "/p/a1"), watcher.Events);
        Assert.Contains((EventType.NodeChildrenChanged, "/p"), watcher.Events);
    }

    [Fact]
    public void Deleting_an_ephemeral_removes_it_from_its_session()
    {
        _tree.Apply(6, new DeleteTxn("/a2"));

        Assert.Equal(["/p/a1"], _tree.GetEphemerals(SessionA));
        Assert.Equal(2, _tree.EphemeralCount);
    }

    [Fact]
    public void Closing_a_session_without_ephemerals_changes_nothing()
    {
        var before = _tree.NodeCount;

        _tree.Apply(6, new CloseSessionTxn([]), session: 0x999);

        Assert.Equal(before, _tree.NodeCount);
    }
}
