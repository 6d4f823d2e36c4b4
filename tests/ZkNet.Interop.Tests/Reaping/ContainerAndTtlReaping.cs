using System.Diagnostics;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Reaping;

/// <summary>
/// The server deletes empty containers and expired TTL nodes by itself (checked every
/// <see cref="InteropConfig.ContainerCheckIntervalMs"/> here). Each test waits for a deletion it expects, which
/// also proves that the reaper has looked at the nodes that must survive.
/// </summary>
public abstract class ContainerAndTtlReaping(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_container_is_deleted_once_its_last_child_is_gone_and_a_never_used_one_stays()
    {
        var root = UniquePath.For("reap-container");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        await CreateContainerAsync(raw, root + "/never-used");
        await CreateContainerAsync(raw, root + "/used");
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root + "/used/child")).Err);
        Assert.Equal(ErrorCode.Ok, (await raw.ExistsAsync(root + "/used", watch: true)).Err);
        var (deleted, _) = await raw.RequestAsync(OpCode.Delete, new DeleteRequest(root + "/used/child", -1));
        Assert.Equal(0, deleted.Err);

        var e = await raw.NextNotificationAsync(Bound);
        Assert.Equal(((int)EventType.NodeDeleted, root + "/used"), (e.Type, e.Path));
        Assert.Equal(ErrorCode.Ok, (await raw.ExistsAsync(root + "/never-used")).Err);
    }

    [Fact]
    public async Task A_ttl_node_is_deleted_after_its_ttl_unless_it_has_children()
    {
        var root = UniquePath.For("reap-ttl");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        // The node and its child in one multi: created one after the other, the node could be reaped before its
        // child arrives when this client is slower than the TTL (a loaded machine).
        var (multiErr, multi) = await raw.CallAsync<MultiResponse>(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.CreateTtl, new CreateTtlRequest(root + "/with-child", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 300)),
            new MultiOp(OpCode.Create, new CreateRequest(root + "/with-child/child", [], Acl.OpenAclUnsafe, (int)CreateMode.Persistent)),
        ]));
        Assert.Equal(0, multiErr);
        Assert.Equal([0, 0], multi!.Results.Select(r => r.Err));
        // A persistent watch set before the node exists sees both its creation and its deletion, so a reaper
        // that is quicker than this client (a loaded machine) cannot make the test miss the deletion.
        var (watched, _) = await raw.RequestAsync(OpCode.AddWatch, new AddWatchRequest(root + "/alone", (int)AddWatchMode.Persistent));
        Assert.Equal(0, watched.Err);
        var sinceCreate = Stopwatch.StartNew();
        await CreateTtlAsync(raw, root + "/alone", 300);

        // (NodeCreated arrived before the create's reply and was passed over while waiting for that reply.)
        var e = await raw.NextNotificationAsync(Bound);
        Assert.Equal(((int)EventType.NodeDeleted, root + "/alone"), (e.Type, e.Path));
        Assert.True(sinceCreate.Elapsed >= TimeSpan.FromMilliseconds(300), $"deleted {sinceCreate.Elapsed} after its creation");
        // Both TTLs have run out by now; only the childless node went.
        Assert.Equal(ErrorCode.Ok, (await raw.ExistsAsync(root + "/with-child")).Err);
    }

    private static async Task CreateContainerAsync(RawZkConnection raw, string path)
    {
        var (err, _) = await raw.CallAsync<Create2Response>(OpCode.CreateContainer,
            new CreateRequest(path, [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        Assert.Equal(0, err);
    }

    private static async Task CreateTtlAsync(RawZkConnection raw, string path, long ttlMs)
    {
        var (err, _) = await raw.CallAsync<Create2Response>(OpCode.CreateTtl,
            new CreateTtlRequest(path, [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, ttlMs));
        Assert.Equal(0, err);
    }
}
