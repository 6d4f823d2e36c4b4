using System.Globalization;
using System.Text.Json.Nodes;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A member's AdminServer answers for the role it serves in now (the member runs a new server for each role, and
/// the commands read the current one), and the quorum commands answer from the ensemble with the keys Apache
/// ZooKeeper 3.8's AdminServer gives (recorded from a 3.8 ensemble: leader, voting_view, zabstate, observers).
/// </summary>
public sealed class MemberAdminTests : IAsyncLifetime
{
    private static readonly int[] AdminPorts = [FreePort.Next(), FreePort.Next(), FreePort.Next()];

    private readonly EnsembleHarness _ensemble = new(3, extraConfig: id =>
        $"admin.enableServer=true\nadmin.serverAddress=127.0.0.1\nadmin.serverPort={AdminPorts[id - 1].ToString(CultureInfo.InvariantCulture)}\n");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _ensemble.DisposeAsync();
    }

    [Fact]
    public async Task The_admin_srvr_command_reports_the_members_current_role()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var expected = leader == 1 ? "leader" : "follower";

        var body = await _http.GetStringAsync(CommandUri(1, "srvr"));

        Assert.Contains("\"server_state\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"{expected}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quorum_commands_answer_from_the_ensemble_on_every_member()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        foreach (var id in _ensemble.Ids)
        {
            var isLeader = id == leader;
            var lead = await CommandAsync(id, "leader");
            Assert.Equal(isLeader, (bool)lead["is_leader"]!);
            Assert.Equal(leader, (long)lead["leader_id"]!);
            Assert.Equal("127.0.0.1", (string)lead["leader_ip"]!);

            var view = (JsonObject)(await CommandAsync(id, "voting_view"))["current_config"]!;
            Assert.Equal(["1", "2", "3"], view.Select(kv => kv.Key).Order());
            foreach (var (_, member) in view)
            {
                Assert.Equal(["client_address", "election_addresses", "learner_type", "server_addresses"], member!.AsObject().Select(kv => kv.Key).Order());
                Assert.Equal("participant", (string)member["learner_type"]!);
            }
            Assert.Equal(_ensemble.ConnectStringOf(id), (string)view[id.ToString(CultureInfo.InvariantCulture)]!["client_address"]!);

            var zab = await CommandAsync(id, "zabstate");
            Assert.Equal(id, (long)zab["myid"]!);
            Assert.Equal(isLeader, (bool)zab["is_leader"]!);
            Assert.True((bool)zab["voting"]!);
            Assert.Equal("broadcast", (string)zab["zabstate"]!);
            Assert.StartsWith("0x", (string)zab["last_zxid"]!, StringComparison.Ordinal);
            Assert.Equal(["all_addresses", "all_host_strings", "all_ports", "all_reachable_addresses", "all_reachable_addresses_or_all", "empty",
                "one", "reachable_address", "reachable_or_one", "wildcard_addresses"], zab["quorum_address"]!.AsObject().Select(kv => kv.Key).Order());

            var monitor = await CommandAsync(id, "monitor");
            Assert.Equal(isLeader ? "leading - broadcast" : "following - broadcast", (string)monitor["peer_state"]!);
            Assert.Equal(3, (long)monitor["quorum_size"]!);
            Assert.Equal(isLeader, monitor.ContainsKey("synced_followers"));

            var observers = await CommandAsync(id, "observers");
            Assert.Equal(0, (int)observers["synced_observers"]!);
        }
    }

    private static Uri CommandUri(long id, string command) =>
        new($"http://127.0.0.1:{AdminPorts[id - 1].ToString(CultureInfo.InvariantCulture)}/commands/{command}");

    private async Task<JsonObject> CommandAsync(long id, string command)
    {
        var answer = JsonNode.Parse(await _http.GetStringAsync(CommandUri(id, command)))!.AsObject();
        Assert.True(answer["error"] is null, $"{command} on member {id}: {answer["error"]}");
        return answer;
    }
}
