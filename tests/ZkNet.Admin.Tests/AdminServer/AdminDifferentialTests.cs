using System.Text.Json.Nodes;
using ZkNet.Admin.Commands;
using ZkNet.Admin.Tests.Support;

namespace ZkNet.Admin.Tests.AdminServer;

/// <summary>
/// Every AdminServer command against ZkNet and against Apache ZooKeeper 3.8's own AdminServer (Jetty), after the
/// same workload: the same keys, the same names and aliases, and the same figures where the tree decides them.
/// </summary>
public sealed class AdminDifferentialTests(DifferentialFixture servers) : IClassFixture<DifferentialFixture>
{
    private readonly int _zknetPort = servers.ZkNetAdminPort;
    private readonly int _apachePort = servers.ApacheAdminPort;

    public static TheoryData<string> Commands() => [.. AdminCommands.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_answers_with_the_keys_Apache_ZooKeeper_answers_with(string command)
    {
        var zknet = await AdminHttp.CommandAsync(_zknetPort, command);
        var apache = await AdminHttp.CommandAsync(_apachePort, command);
        Assert.Equal(command, (string?)apache["command"]);
        Assert.Equal(command, (string?)zknet["command"]);
        Assert.Equal(Keys(apache, command), Keys(zknet, command));
        if (command is "server_stats" or "stats")
        {
            Assert.Equal(Keys(apache["server_stats"]!.AsObject(), command), Keys(zknet["server_stats"]!.AsObject(), command));
        }
    }

    [Fact]
    public async Task The_command_list_names_the_same_commands()
    {
        var zknet = await (await AdminHttp.GetAsync(_zknetPort, "/commands")).Content.ReadAsStringAsync();
        var apache = await (await AdminHttp.GetAsync(_apachePort, "/commands")).Content.ReadAsStringAsync();
        // ZkNet lists ZooKeeper 3.9's snapshot and restore too (SnapshotCommandTests); 3.8 has neither.
        Assert.Equal(Links(apache), Links(zknet).Except(["restore", "snapshot"]));
        Assert.Equal(["restore", "snapshot"], Links(zknet).Except(Links(apache)));
    }

    [Fact]
    public async Task Every_alias_runs_the_same_command_on_both_servers()
    {
        foreach (var command in AdminCommands.All)
        {
            foreach (var alias in command.Aliases)
            {
                Assert.Equal(command.Name, (string?)(await AdminHttp.CommandAsync(_apachePort, alias))["command"]);
                Assert.Equal(command.Name, (string?)(await AdminHttp.CommandAsync(_zknetPort, alias))["command"]);
            }
        }
    }

    [Fact]
    public async Task Connections_describe_a_client_session_with_the_same_keys()
    {
        var zknet = (await AdminHttp.CommandAsync(_zknetPort, "connections"))["connections"]!.AsArray();
        var apache = (await AdminHttp.CommandAsync(_apachePort, "connections"))["connections"]!.AsArray();
        Assert.Single(zknet);
        Assert.Single(apache);
        Assert.Equal(Keys(apache[0]!.AsObject(), ""), Keys(zknet[0]!.AsObject(), ""));
    }

    [Fact]
    public async Task Figures_the_tree_decides_are_the_same_on_both_servers()
    {
        foreach (var (command, key) in new[] { ("monitor", "znode_count"), ("monitor", "ephemerals_count"), ("monitor", "watch_count"),
            ("monitor", "global_sessions"), ("monitor", "approximate_data_size"), ("server_stats", "node_count"),
            ("watch_summary", "num_connections"), ("watch_summary", "num_paths"), ("watch_summary", "num_total_watches") })
        {
            var zknet = (await AdminHttp.CommandAsync(_zknetPort, command))[key]!.ToJsonString();
            var apache = (await AdminHttp.CommandAsync(_apachePort, command))[key]!.ToJsonString();
            Assert.True(zknet == apache, $"{command}.{key}: Apache {apache}, ZkNet {zknet}");
        }
        var zknetDump = (await AdminHttp.CommandAsync(_zknetPort, "dump"))["session_id_to_ephemeral_paths"]!.AsObject();
        var apacheDump = (await AdminHttp.CommandAsync(_apachePort, "dump"))["session_id_to_ephemeral_paths"]!.AsObject();
        Assert.Equal(apacheDump.Select(kv => kv.Value!.ToJsonString()), zknetDump.Select(kv => kv.Value!.ToJsonString()));
        var zknetWatches = (await AdminHttp.CommandAsync(_zknetPort, "watches_by_path"))["path_to_session_ids"]!.AsObject();
        var apacheWatches = (await AdminHttp.CommandAsync(_apachePort, "watches_by_path"))["path_to_session_ids"]!.AsObject();
        Assert.Equal(apacheWatches.Select(kv => kv.Key).Order(), zknetWatches.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task Hash_lists_the_digest_after_every_128th_zxid_with_Apache_ZooKeepers_keys()
    {
        foreach (var server in new[] { servers.ZkNet, servers.Apache })
        {
            await using var zk = await Client.ZooKeeperClient.ConnectAsync(new Client.ZooKeeperClientOptions
            {
                ConnectString = server.ConnectString,
                SessionTimeout = TimeSpan.FromSeconds(10),
            });
            await zk.CreateAsync("/hash", null, Protocol.Records.Acl.OpenAclUnsafe);
            for (var i = 0; i < 130; i++)
            {
                await zk.CreateAsync($"/hash/n{i}", [(byte)i], Protocol.Records.Acl.OpenAclUnsafe);
            }
        }
        var zknet = (await AdminHttp.CommandAsync(_zknetPort, "hash"))["digests"]!.AsArray();
        var apache = (await AdminHttp.CommandAsync(_apachePort, "hash"))["digests"]!.AsArray();
        // The same txns on both servers: the same zxids logged (the digests differ, as they cover the nodes' times).
        Assert.NotEmpty(apache);
        Assert.Equal(apache.Select(d => (long)d!["zxid"]!), zknet.Select(d => (long)d!["zxid"]!));
        Assert.Equal(apache.Select(d => Keys(d!.AsObject(), "")), zknet.Select(d => Keys(d!.AsObject(), "")));
        Assert.All(zknet, d => Assert.Equal(2, (int)d!["digest_version"]!));
    }

    [Theory]
    [InlineData("no_such_command")]
    [InlineData("set_trace_mask?traceMask=abc")]
    [InlineData("set_trace_mask")]
    [InlineData("leader")]
    public async Task Refusals_carry_the_same_error_as_Apache_ZooKeeper(string command)
    {
        var zknet = await AdminHttp.CommandAsync(_zknetPort, command);
        var apache = await AdminHttp.CommandAsync(_apachePort, command);
        Assert.NotNull((string?)apache["error"]);
        Assert.Equal((string?)apache["error"], (string?)zknet["error"]);
        Assert.Equal((string?)apache["command"], (string?)zknet["command"]);
        // The server keeps serving after a refusal.
        Assert.Null((string?)(await AdminHttp.CommandAsync(_zknetPort, "ruok"))["error"]);
    }

    [Fact]
    public async Task Set_trace_mask_is_reported_back_by_get_trace_mask()
    {
        foreach (var port in new[] { _zknetPort, _apachePort })
        {
            Assert.Equal(306, (long)(await AdminHttp.CommandAsync(port, "set_trace_mask?traceMask=306"))["tracemask"]!);
            Assert.Equal(306, (long)(await AdminHttp.CommandAsync(port, "gtmk"))["tracemask"]!);
        }
    }

    /// <summary>Top-level keys, but for the JVM's own (java.*) in environment and all but command/error in system_properties.</summary>
    private static List<string> Keys(JsonObject answer, string command) => answer.Select(kv => kv.Key)
        .Where(k => !NotReported.Matches(k))
        .Where(k => command != "environment" || !k.StartsWith("java.", StringComparison.Ordinal))
        .Where(k => command != "environment" || k != "dotnet.version")
        .Where(k => command != "system_properties" || k is "command" or "error")
        .Order(StringComparer.Ordinal).ToList();

    private static List<string> Links(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "href=\"/commands/([a-z_]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
}
