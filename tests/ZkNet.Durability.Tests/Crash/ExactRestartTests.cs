using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Crash;

/// <summary>
/// The strongest restart check: after a busy run with fuzzy snapshots taken in the middle of creates, deletes,
/// ephemerals of closing sessions, containers and TTL nodes, a kill -9 once every write is acknowledged must lose
/// nothing and change nothing: every path, data, ACL and Stat field (pzxid and cversion included) comes back as
/// clients saw it, in ZkNet and in Apache ZooKeeper started on a copy of the same files.
/// </summary>
public sealed class ExactRestartTests
{
    private static readonly Dictionary<string, string> Config = new()
    {
        ["snapCount"] = "400",
        ["preAllocSize"] = "256",
    };

    /// <summary>An ACL that still lets everyone write, but is its own ACL cache entry.</summary>
    private static readonly IReadOnlyList<Acl> SharedAcl = [new(Perms.All, Id.AnyoneIdUnsafe), new(Perms.Read, new Id("ip", "127.0.0.1"))];

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task After_fuzzy_snapshots_under_load_both_servers_restart_with_every_stat_field_as_clients_saw_it()
    {
        using var dir = new TestDirectory();
        SortedDictionary<string, DumpedNode> before;
        await using (var server = await Servers.StartZkNetAsync(dir, Config))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            foreach (var path in new[] { "/fill", "/eph", "/p0", "/p1", "/p2" })
            {
                Assert.Equal(ErrorCode.Ok, (await client.CreateAsync(path, path)).Err);
            }
            // A large tree makes every snapshot walk span many request batches.
            for (var start = 0; start < 8000; start += 500)
            {
                await ExpectOkAsync(Enumerable.Range(start, 500).Select(i => client.CreateAsync($"/fill/f{i}", "f")));
            }
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Task.WhenAll(
                Enumerable.Range(0, 3).Select(i => Task.Run(() => WriteAsync(server.Port, $"/p{i}", stop.Token)))
                    .Append(Task.Run(() => ChurnSessionsAsync(server.Port, stop.Token))));
            before = await TreeDump.ReadAsync(client);
            await server.KillAsync();
        }
        Assert.True(before.Keys.Any(p => p.StartsWith("/eph/", StringComparison.Ordinal)), "some ephemerals stay (abandoned sessions)");

        using var copy = new TestDirectory();
        dir.CopyDataTo(copy);
        await using (var server = await Servers.StartZkNetAsync(dir, Config))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            TreeDump.AssertSame(before, await TreeDump.ReadAsync(client), "ZkNet after kill -9");
        }
        await using (var zk = await Servers.StartZooKeeperAsync(copy, Config))
        {
            await using var client = await WireClient.ConnectAsync(zk.Port);
            TreeDump.AssertSame(before, await TreeDump.ReadAsync(client), "Apache ZooKeeper on ZkNet's files");
        }
    }

    /// <summary>Pipelined creates, setData, deletes, multis, setACL, containers and TTL nodes under one parent.</summary>
    private static async Task WriteAsync(int port, string root, CancellationToken stop)
    {
        await using var client = await WireClient.ConnectAsync(port);
        var pending = new List<Task<WireReply>>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            pending.Add(client.CreateAsync($"{root}/k{n}", $"v{n}"));
            if (n >= 5)
            {
                pending.Add(client.SetDataAsync($"{root}/k{n - 5}", $"set{n}"));
            }
            if (n >= 10 && n % 2 == 0)
            {
                pending.Add(client.DeleteAsync($"{root}/k{n - 10}"));
            }
            if (n % 10 == 9)
            {
                pending.Add(client.MultiAsync(
                    new MultiOp(OpCode.Create, new CreateRequest($"{root}/m{n}", [1, 2], Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential)),
                    new MultiOp(OpCode.SetData, new SetDataRequest($"{root}/k{n - 1}", [3], -1)),
                    new MultiOp(OpCode.Check, new CheckVersionRequest($"{root}/k{n}", 0))));
                pending.Add(client.CallAsync(OpCode.SetAcl, new SetAclRequest($"{root}/k{n}", SharedAcl, -1)));
                pending.Add(client.CallAsync(OpCode.CreateContainer, new CreateRequest($"{root}/c{n}", [], Acl.OpenAclUnsafe, (int)CreateMode.Container)));
                pending.Add(client.CreateAsync($"{root}/c{n}/child", "keeps the container"));
                pending.Add(client.CallAsync(OpCode.CreateTtl, new CreateTtlRequest($"{root}/ttl{n}", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 3_600_000)));
            }
            if (pending.Count > 64)
            {
                await ExpectOkAsync(pending);
                pending.Clear();
            }
        }
        await ExpectOkAsync(pending);
    }

    /// <summary>Sessions that create ephemerals under one parent and close (or are abandoned, to be restored).</summary>
    private static async Task ChurnSessionsAsync(int port, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            await using var client = await WireClient.ConnectAsync(port, 30_000);
            await ExpectOkAsync(Enumerable.Range(0, 20).Select(i => client.CreateAsync($"/eph/s{n}-{i}", "e", CreateMode.Ephemeral)));
            if (n % 4 == 0)
            {
                // Left open: the session and its ephemerals must survive the restart.
                continue;
            }
            Assert.Equal(ErrorCode.Ok, (await client.CloseSessionAsync()).Err);
        }
    }

    private static async Task ExpectOkAsync(IEnumerable<Task<WireReply>> replies)
    {
        foreach (var reply in await Task.WhenAll(replies))
        {
            Assert.Equal(ErrorCode.Ok, reply.Err);
        }
    }
}
