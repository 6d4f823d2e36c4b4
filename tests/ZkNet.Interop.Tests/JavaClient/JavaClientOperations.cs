using System.Text.Json;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary>Operations through the Java client (zookeeper.jar 3.8): the ones kazoo 2.8 cannot send, and multi.</summary>
public abstract class JavaClientOperations(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private async Task<(ScenarioResult Result, string Root)> RunAsync(string scenario, params string[] extra)
    {
        var root = UniquePath.For("java-" + scenario);
        return (await JavaAsync(scenario, [root, .. extra]), root);
    }

    [Fact]
    public async Task Create2_returns_the_stat_that_exists_reports_and_updates_the_parent()
    {
        var (r, root) = await RunAsync("create2");
        Assert.Equal(root + "/n", r.Text("path"));
        var created = r.Stat("created");
        Assert.Equal(r.Stat("exists"), created);
        Assert.Equal((created.Czxid, created.Czxid, 5, 0, 0L), (created.Mzxid, created.Pzxid, created.DataLength, created.Version, created.EphemeralOwner));
        var parent = r.Stat("parent");
        Assert.Equal((created.Czxid, 1, 1), (parent.Pzxid, parent.Cversion, parent.NumChildren));
    }

    [Fact]
    public async Task Container_nodes_report_a_plain_stat_with_no_ephemeral_owner()
    {
        // Apache ZooKeeper keeps a container marker internally but shows ephemeralOwner 0 to clients.
        var (r, root) = await RunAsync("container");
        Assert.Equal(root + "/c", r.Text("path"));
        Assert.Equal(0L, r.Stat("created").EphemeralOwner);
        Assert.Equal((1, 1, 0L), (r.Stat("afterChild").NumChildren, r.Stat("afterChild").Cversion, r.Stat("afterChild").EphemeralOwner));
    }

    [Fact]
    public async Task Ttl_nodes_are_created_with_sequential_names_and_a_plain_stat()
    {
        var (r, root) = await RunAsync("ttl");
        Assert.Equal(root + "/t", r.Text("path"));
        Assert.Equal(0L, r.Stat("created").EphemeralOwner);
        Assert.Equal(root + "/ts-0000000001", r.Text("sequentialPath"));
        Assert.Equal(0L, r.Stat("sequentialCreated").EphemeralOwner);
    }

    [Fact]
    public async Task GetAllChildrenNumber_counts_every_descendant()
    {
        var (r, _) = await RunAsync("all-children-number");
        Assert.Equal((4, 2, 0), (r.Long("root"), r.Long("a"), r.Long("leaf")));
        Assert.Equal(ErrorCode.NoNode, r.Code("missing"));
    }

    [Fact]
    public async Task GetEphemerals_lists_the_sessions_own_ephemerals_by_string_prefix()
    {
        var (r, root) = await RunAsync("ephemerals");
        Assert.Equal([root + "/e1", root + "/seq-0000000002", root + "/sub/e2"], r.Strings("underRoot"));
        // The prefix is a plain string prefix, not a path: "/root/e" matches "/root/e1".
        Assert.Equal([root + "/e1"], r.Strings("stringPrefix"));
        Assert.Equal(r.Strings("underRoot"), r.Strings("all"));
        Assert.Equal([root + "/other"], r.Strings("otherSession"));
        Assert.Empty(r.Strings("noMatch"));
    }

    [Fact]
    public async Task WhoAmI_lists_the_ip_identity_and_then_added_digest_identities()
    {
        var (r, _) = await RunAsync("whoami");
        Assert.Equal(["ip:127.0.0.1"], r.Strings("before"));
        Assert.Equal(["digest:alice", "ip:127.0.0.1"], r.Strings("after").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Data_that_fits_jute_maxbuffer_is_stored_and_one_byte_more_loses_the_connection()
    {
        // The server refuses a request frame longer than jute.maxbuffer (0xfffff) by closing the connection, so
        // the client sees ConnectionLoss and nothing is stored. setData's frame is xid, type, path, data, version.
        var root = UniquePath.For("java-data-size");
        var pathLength = root.Length + "/n".Length + 7;
        var largest = InteropConfig.JuteMaxBuffer - (4 + 4 + 4 + pathLength + 4 + 4);
        var r = await JavaAsync("data-size", root, "1000000", largest.ToString(),
            (largest + 1).ToString());
        AssertSize(r["1000000"], ErrorCode.Ok, 1_000_000);
        Assert.Equal(ErrorCode.Ok, r.Code("readBackFirst"));
        AssertSize(r[largest.ToString()], ErrorCode.Ok, largest);
        AssertSize(r[(largest + 1).ToString()], ErrorCode.ConnectionLoss, 0);

        static void AssertSize(JsonElement e, ErrorCode code, int stored)
        {
            Assert.Equal(code, ErrorCodes.Of(e.GetProperty("result")));
            Assert.Equal(stored, e.GetProperty("storedLength").GetInt32());
        }
    }

    [Fact]
    public async Task Multi_returns_one_result_per_operation()
    {
        var (r, root) = await RunAsync("multi");
        var success = r["success"].EnumerateArray().ToList();
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Create, OpCode.Delete],
            success.Select(e => (OpCode)e.GetProperty("type").GetInt32()));
        Assert.Equal(root + "/a", success[0].GetProperty("path").GetString());
        Assert.Equal(root + "/s-0000000001", success[1].GetProperty("path").GetString());
        Assert.Equal(1, success[2].GetProperty("stat").GetProperty("version").GetInt32());
        Assert.Equal(ZnodeStat.From(success[2].GetProperty("stat")), r.Stat("afterSuccess"));
        Assert.Empty(r["emptyMulti"].EnumerateArray());
    }

    [Fact]
    public async Task A_failing_multi_changes_nothing_and_reports_ok_then_the_error_then_RuntimeInconsistency()
    {
        var (r, _) = await RunAsync("multi");
        Assert.Equal(ErrorCode.NoNode, r.Code("failureCode"));
        Assert.Equal([(-1, 0), (-1, 0), (-1, (int)ErrorCode.NoNode), (-1, (int)ErrorCode.RuntimeInconsistency)], Results(r["failure"]));
        Assert.False(r.Bool("cExists"));
        Assert.Equal(1, r.Long("aVersionAfterFailure"));
        Assert.Equal(ErrorCode.BadVersion, r.Code("checkFailureCode"));
        Assert.Equal([(-1, (int)ErrorCode.BadVersion), (-1, (int)ErrorCode.RuntimeInconsistency)], Results(r["checkFailure"]));

        static List<(int Type, int Err)> Results(JsonElement list) =>
            list.EnumerateArray().Select(e => (e.GetProperty("type").GetInt32(), e.GetProperty("err").GetInt32())).ToList();
    }

    [Fact]
    public async Task MultiRead_answers_every_read_and_reports_a_missing_node_in_its_own_slot()
    {
        var (r, _) = await RunAsync("multi-read");
        Assert.False(r.Root.TryGetProperty("exceptionCode", out _), "multiRead raised: " + r);
        var results = r["results"].EnumerateArray().ToList();
        Assert.Equal([OpCode.GetChildren, OpCode.GetData, OpCode.Error, OpCode.GetChildren],
            results.Select(e => (OpCode)e.GetProperty("type").GetInt32()));
        Assert.Equal(["x", "y"], results[0].GetProperty("children").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("data", results[1].GetProperty("data").GetString());
        Assert.Equal(2, results[1].GetProperty("stat").GetProperty("numChildren").GetInt32());
        Assert.Equal((int)ErrorCode.NoNode, results[2].GetProperty("err").GetInt32());
        Assert.Empty(results[3].GetProperty("children").EnumerateArray());
    }
}
