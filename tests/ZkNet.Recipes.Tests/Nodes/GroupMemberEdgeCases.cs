using System.Text;
using ZkNet.Client;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Nodes;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Nodes;

/// <summary>
/// GroupMember's node in the hands of others, as Curator's PersistentNode (CreateMode.EPHEMERAL) handles it: run against
/// ZkNet by <see cref="GroupMemberTests"/> and against Apache ZooKeeper by
/// Differential/ApacheZooKeeperCoordinationTests, so that the events the member relies on are ZooKeeper's.
/// </summary>
public static class GroupMemberEdgeCases
{
    /// <summary>
    /// Another live session holds <c>{path}/m</c>: the member joins anyway by writing its payload into that node, is
    /// listed with it, and once that session ends puts back a node of its own with its payload.
    /// </summary>
    public static async Task NodeHeldByAnotherSessionAsync(InteropTarget target, string path)
    {
        var node = path + "/m";
        var other = await target.ConnectAsync();
        await other.CreateWithParentsAsync(node, "theirs"u8.ToArray(), Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
        var ours = await target.ConnectAsync();
        await using var member = new GroupMember(ours, path, "m", "ours"u8.ToArray());

        await member.StartAsync().Bounded();

        var held = await ours.GetDataAsync(node).Bounded();
        Assert.Equal("ours", Text(held.Data));
        Assert.Equal(other.SessionId, held.Stat.EphemeralOwner);
        Assert.Equal("ours", Text((await member.GetCurrentMembersAsync().Bounded())["m"]));

        await other.CloseAsync().Bounded();
        var mine = await Waits.NodeDataAsync(ours, node, d => d.Stat.EphemeralOwner == ours.SessionId);
        Assert.Equal("ours", Text(mine.Data));
        Assert.Equal(["m"], (await member.GetCurrentMembersAsync().Bounded()).Keys);
    }

    /// <summary>
    /// Another client deletes the member's node, three times: after the member set a new payload (its own data change
    /// must not cost it the watch), after it was put back, and right before the member sets a payload again. Each
    /// time the node comes back at once, the session's own, with the latest payload.
    /// </summary>
    public static async Task NodeDeletedByAnotherClientAsync(InteropTarget target, string path)
    {
        var node = path + "/m";
        var ours = await target.ConnectAsync();
        var other = await target.ConnectAsync();
        await using var member = new GroupMember(ours, path, "m", "first"u8.ToArray());
        await member.StartAsync().Bounded();
        await member.SetPayloadAsync("second"u8.ToArray()).Bounded();

        for (var round = 0; round < 2; round++)
        {
            var gone = await DeleteAsync(other, node);
            var back = await Waits.NodeDataAsync(other, node, d => d.Stat.Czxid > gone);
            Assert.Equal("second", Text(back.Data));
            Assert.Equal(ours.SessionId, back.Stat.EphemeralOwner);
        }

        // The payload may meet the node gone or already put back: either way it ends up in the node.
        var czxid = await DeleteAsync(other, node);
        await member.SetPayloadAsync("third"u8.ToArray()).Bounded();
        var last = await Waits.NodeDataAsync(other, node, d => d.Stat.Czxid > czxid && Text(d.Data) == "third");
        Assert.Equal(ours.SessionId, last.Stat.EphemeralOwner);
    }

    /// <summary>
    /// Closing the member deletes its node even while it is putting it back after a deletion, and no node comes back
    /// afterwards (an exists watch that must stay silent for a second).
    /// </summary>
    public static async Task ClosedMemberStaysGoneAsync(InteropTarget target, string path)
    {
        var node = path + "/m";
        var ours = await target.ConnectAsync();
        var other = await target.ConnectAsync();
        var member = new GroupMember(ours, path, "m", "ours"u8.ToArray());
        await member.StartAsync().Bounded();

        await other.DeleteAsync(node).Bounded();
        await member.DisposeAsync().AsTask().Bounded();

        var created = new TaskWatcher();
        Assert.Null(await ours.ExistsAsync(node, created).Bounded());
        var silent = await Task.WhenAny(created.Triggered, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.NotSame(created.Triggered, silent);
        Assert.Empty((await member.GetCurrentMembersAsync().Bounded()).Keys);
        await Assert.ThrowsAsync<InvalidOperationException>(() => member.SetPayloadAsync("late"u8.ToArray()));
    }

    /// <summary>Deletes <paramref name="node"/>, which must exist, and returns its czxid.</summary>
    private static async Task<long> DeleteAsync(IZooKeeperClient client, string node)
    {
        var stat = await client.ExistsAsync(node).Bounded();
        Assert.NotNull(stat);
        await client.DeleteAsync(node).Bounded();
        return stat.Value.Czxid;
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
