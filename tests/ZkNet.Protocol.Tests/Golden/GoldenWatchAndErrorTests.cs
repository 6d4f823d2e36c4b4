using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>Watch notifications and error replies from the captured session.</summary>
public sealed class GoldenWatchAndErrorTests
{
    [Fact]
    public void Data_watch_notification_precedes_the_reply_to_the_write_that_fired_it()
    {
        Assert.Equal(new RequestHeader(16, (int)OpCode.SetData), GoldenSession.Header<RequestHeader>(33));
        Assert.Equal(new ReplyHeader(Xids.Notification, -1, 0), GoldenSession.Header<ReplyHeader>(34));
        var watchEvent = GoldenSession.Body<WatcherEvent>(34);
        Assert.Equal(((int)EventType.NodeDataChanged, (int)KeeperState.SyncConnected, "/golden"), (watchEvent.Type, watchEvent.State, watchEvent.Path));
        Assert.Equal(new ReplyHeader(16, 11, 0), GoldenSession.Header<ReplyHeader>(35));
    }

    [Fact]
    public void Exists_watch_on_a_missing_node_fires_NodeCreated()
    {
        var watchEvent = GoldenSession.Body<WatcherEvent>(37);
        Assert.Equal(((int)EventType.NodeCreated, "/golden/later"), (watchEvent.Type, watchEvent.Path));
        Assert.Equal("/golden/later", GoldenSession.Body<CreateResponse>(38).Path);
    }

    [Fact]
    public void Persistent_recursive_watch_notifications_look_like_ordinary_ones()
    {
        Assert.Equal(((int)EventType.NodeDataChanged, "/golden/eph"), (GoldenSession.Body<WatcherEvent>(54).Type, GoldenSession.Body<WatcherEvent>(54).Path));
        Assert.Equal(((int)EventType.NodeDataChanged, "/golden/acl"), (GoldenSession.Body<WatcherEvent>(59).Type, GoldenSession.Body<WatcherEvent>(59).Path));
    }

    [Theory]
    [InlineData(40, 18, 12, ErrorCode.NoNode)]      // getData of a missing node: a read, no new zxid
    [InlineData(42, 19, 13, ErrorCode.BadVersion)]  // setData with a wrong version: a failed write still takes a zxid
    [InlineData(44, 20, 14, ErrorCode.NoAuth)]      // setData refused by the digest ACL
    public void Error_replies_are_a_bare_header_with_the_error_code(int number, int xid, long zxid, ErrorCode error)
    {
        Assert.Equal(20, GoldenFrames.Get(number).Bytes.Length);
        Assert.Equal(new ReplyHeader(xid, zxid, (int)error), GoldenSession.Header<ReplyHeader>(number));
    }
}
