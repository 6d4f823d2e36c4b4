using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary>Single operations driven by kazoo (Python), checked against what Apache ZooKeeper 3.8 answers.</summary>
public abstract class KazooOperations(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private async Task<(ScenarioResult Result, string Root)> RunAsync(string scenario)
    {
        var root = UniquePath.For("kazoo-" + scenario);
        return (await KazooAsync("kazoo_ops.py", scenario, root), root);
    }

    [Fact]
    public async Task Create_get_set_and_delete_answer_with_ZooKeeper_error_codes()
    {
        var (r, _) = await RunAsync("crud");
        Assert.Equal("hello", r.Text("data"));
        Assert.Equal(0, r.Stat("created").Version);
        Assert.Equal(5, r.Stat("created").DataLength);
        Assert.Equal(ErrorCode.NodeExists, r.Code("createExisting"));
        Assert.Equal(ErrorCode.NoNode, r.Code("createNoParent"));
        Assert.Equal(ErrorCode.BadVersion, r.Code("setWrongVersion"));
        Assert.Equal(1, r.Stat("set").Version);
        Assert.Equal(2, r.Stat("setAny").Version);
        Assert.Equal(0, r.Stat("setAny").DataLength);
        Assert.Equal(ErrorCode.NoNode, r.Code("setMissing"));
        Assert.Equal(ErrorCode.NoNode, r.Code("getMissing"));
        Assert.True(r.Bool("existsMissing"));
        Assert.Equal(ErrorCode.NotEmpty, r.Code("deleteNotEmpty"));
        Assert.Equal(ErrorCode.BadVersion, r.Code("deleteWrongVersion"));
        Assert.Equal(ErrorCode.Ok, r.Code("deleteRightVersion"));
        Assert.Equal(ErrorCode.NoNode, r.Code("deleteMissing"));
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, r.Code("childOfEphemeral"));
        Assert.Equal(ErrorCode.Ok, r.Code("deleteAnyVersion"));
    }

    [Fact]
    public async Task Stat_fields_follow_creates_data_changes_acl_changes_and_deletes()
    {
        var (r, _) = await RunAsync("stat-fields");
        var root = r.Stat("root");
        Assert.Equal(root.Czxid, root.Mzxid);
        Assert.Equal(root.Czxid, root.Pzxid);
        Assert.Equal(root.Ctime, root.Mtime);
        Assert.Equal((0, 0, 0, 0L, 3, 0), (root.Version, root.Cversion, root.Aversion, root.EphemeralOwner, root.DataLength, root.NumChildren));

        var child = r.Stat("child");
        var afterChild = r.Stat("rootAfterChild");
        Assert.True(child.Czxid > root.Czxid);
        Assert.Equal(child.Czxid, afterChild.Pzxid);
        Assert.Equal((1, 1), (afterChild.Cversion, afterChild.NumChildren));
        Assert.Equal((root.Mzxid, root.Version, root.Mtime), (afterChild.Mzxid, afterChild.Version, afterChild.Mtime));

        var set = r.Stat("set");
        Assert.Equal((1, 7), (set.Version, set.DataLength));
        Assert.True(set.Mzxid > set.Czxid);
        Assert.Equal((child.Czxid, child.Ctime, child.Pzxid), (set.Czxid, set.Ctime, set.Pzxid));
        Assert.True(set.Mtime >= set.Ctime);
        // A child's data change leaves the parent alone.
        Assert.Equal(afterChild, r.Stat("rootAfterChildSet"));

        // setACL moves aversion only: mzxid, mtime and version stay.
        var setAcl = r.Stat("setAcl");
        Assert.Equal(1, setAcl.Aversion);
        Assert.Equal((set.Mzxid, set.Mtime, set.Version), (setAcl.Mzxid, setAcl.Mtime, setAcl.Version));

        var ephemeral = r.Stat("ephemeral");
        Assert.Equal(r.Long("sessionId"), ephemeral.EphemeralOwner);

        // Deleting a child counts in cversion and moves pzxid to the delete's zxid.
        var afterDelete = r.Stat("rootAfterDelete");
        Assert.Equal((3, 1), (afterDelete.Cversion, afterDelete.NumChildren));
        Assert.True(afterDelete.Pzxid > ephemeral.Czxid);
        var afterSecond = r.Stat("rootAfterSecondDelete");
        Assert.Equal((4, 0), (afterSecond.Cversion, afterSecond.NumChildren));
        Assert.True(afterSecond.Pzxid > afterDelete.Pzxid);
        Assert.Equal((root.Mzxid, 0), (afterSecond.Mzxid, afterSecond.Version));

        // The root node was never created by a transaction.
        var top = r.Stat("rootNode");
        Assert.Equal((0L, 0L, 0L, 0L), (top.Czxid, top.Mzxid, top.Ctime, top.Mtime));
    }

    [Fact]
    public async Task Sequential_suffix_is_the_parents_count_of_child_creations_in_ten_digits()
    {
        // Apache ZooKeeper keeps cversion as a count of child creations; the Stat shows 2*creations - children.
        // After creating a and b and deleting a, the Stat's cversion is 3 but the next suffix is 2.
        var (r, root) = await RunAsync("sequential");
        Assert.Equal(3, r.Long("cversionBefore"));
        Assert.Equal(root + "/s-0000000002", r.Text("first"));
        Assert.Equal(root + "/s-0000000003", r.Text("second"));
        Assert.Equal(root + "/e-0000000004", r.Text("ephemeral"));
        Assert.Equal(root + "/0000000005", r.Text("noPrefix"));
        Assert.Equal(7, r.Long("cversionAfter"));
        Assert.Equal(["0000000005", "b", "e-0000000004", "s-0000000002", "s-0000000003"], r.Strings("children"));
    }

    [Fact]
    public async Task GetChildren_and_getChildren2_list_the_children_and_the_parents_stat()
    {
        var (r, _) = await RunAsync("children");
        Assert.Equal(["a", "b", "c"], r.Strings("children"));
        Assert.Equal(["a", "b", "c"], r.Strings("children2"));
        Assert.Equal(r.Stat("exists"), r.Stat("children2Stat"));
        Assert.Equal((3, 3), (r.Stat("children2Stat").NumChildren, r.Stat("children2Stat").Cversion));
        Assert.Empty(r.Strings("leaf"));
        Assert.Equal(ErrorCode.NoNode, r.Code("missing"));
        Assert.Equal(ErrorCode.NoNode, r.Code("missing2"));
    }

    [Fact]
    public async Task Create2_returns_the_same_stat_that_exists_reports()
    {
        var (r, _) = await RunAsync("create2");
        var created = r.Stat("created");
        Assert.Equal(r.Stat("exists"), created);
        Assert.Equal((created.Czxid, created.Czxid, 2), (created.Mzxid, created.Pzxid, created.DataLength));
        Assert.EndsWith("/s-0000000001", r.Text("sequentialPath"), StringComparison.Ordinal);
        Assert.True(r.Stat("sequentialCreated").Czxid > created.Czxid);
        Assert.Equal(ErrorCode.NodeExists, r.Code("existing"));
    }

    [Fact]
    public async Task Sync_answers_with_the_path_even_for_a_missing_node()
    {
        var (r, root) = await RunAsync("sync");
        Assert.Equal(root, r.Text("sync"));
        Assert.Equal(root + "/missing", r.Text("syncMissing"));
    }

    [Fact]
    public async Task Transaction_applies_all_or_nothing_and_reports_each_operations_result()
    {
        var (r, _) = await RunAsync("multi");
        var success = r["success"].EnumerateArray().ToList();
        Assert.Equal(5, success.Count);
        Assert.EndsWith("/a", success[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, success[1].GetProperty("stat").GetProperty("version").GetInt32());
        Assert.True(success[2].GetProperty("value").GetBoolean());
        Assert.EndsWith("/b", success[3].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(success[4].GetProperty("value").GetBoolean());

        // Apache ZooKeeper: ops before the failing one report 0 (OK), the failing one its own error, and every op
        // after it RuntimeInconsistency.
        var failure = r["failure"].EnumerateArray().Select(e => (ErrorCode)e.GetProperty("error").GetInt32()).ToList();
        Assert.Equal([ErrorCode.Ok, ErrorCode.NoNode, ErrorCode.RuntimeInconsistency], failure);
        Assert.False(r.Bool("cExists"));
        Assert.Equal(1, r.Long("aVersion"));
    }
}
