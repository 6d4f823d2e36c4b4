using System.Text.Json.Nodes;
using ZkNet.Server.Pipeline;

namespace ZkNet.Admin.Commands;

/// <summary>
/// The quorum commands: an ensemble member answers from its quorum (<see cref="ZooKeeperServer.Quorum"/>); a
/// standalone server answers as a standalone ZooKeeper does.
/// </summary>
internal static class QuorumCommands
{
    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        new("leader", ["lead"], (context, _) => Leader(context.Core)),
        new("observers", ["obsr"], (context, _) => Observers(context.Core)),
        new("observer_connection_stat_reset", ["orst"], (_, _) => []),
        new("voting_view", [], (context, _) => VotingView(context.Core.Quorum)),
        new("zabstate", [], (context, _) => ZabState(context.Core)),
    ];

    private static JsonObject Leader(ZooKeeperServer core)
    {
        if (core.Quorum is not { LeaderId: > 0 } quorum)
        {
            throw new AdminCommandException("server is not initialized");
        }
        var leader = quorum.VotingView.FirstOrDefault(m => m.Id == quorum.LeaderId);
        return new JsonObject
        {
            ["is_leader"] = quorum.LeaderId == quorum.MyId && core.Role == ServerRole.Leading,
            ["leader_id"] = quorum.LeaderId,
            ["leader_ip"] = leader is null ? "" : Host(leader.QuorumAddress),
        };
    }

    private static JsonObject Observers(ZooKeeperServer core)
    {
        var observers = new JsonArray();
        var figures = core.Role == ServerRole.Leading ? core.Quorum?.Leader : null;
        foreach (var o in figures?.Observers ?? [])
        {
            observers.Add(new JsonObject
            {
                ["remote_socket_address"] = "/" + o.RemoteAddress,
                ["sid"] = o.Sid,
                ["established"] = o.EstablishedMs,
                // The sender drains its queue as it goes; ZkNet keeps no count of what waits in it.
                ["queued_packets"] = 0,
                ["queued_packets_size"] = 0,
                ["packets_received"] = o.PacketsReceived,
                ["packets_sent"] = o.PacketsSent,
                ["requests"] = 0,
                ["last_zxid"] = o.LastZxid,
            });
        }
        return new JsonObject { ["synced_observers"] = figures?.SyncedObservers ?? 0, ["observers"] = observers };
    }

    private static JsonObject VotingView(IQuorumStatus? quorum)
    {
        var config = new JsonObject();
        foreach (var member in quorum?.VotingView ?? [])
        {
            config[member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["server_addresses"] = new JsonArray(member.QuorumAddress),
                ["election_addresses"] = new JsonArray(member.ElectionAddress),
                ["client_address"] = member.ClientAddress,
                ["learner_type"] = member.LearnerType,
            };
        }
        return new JsonObject { ["current_config"] = config };
    }

    private static JsonObject ZabState(ZooKeeperServer core)
    {
        if (core.Quorum is not { } quorum)
        {
            return new JsonObject { ["voting"] = false, ["zabstate"] = "" };
        }
        var me = quorum.VotingView.FirstOrDefault(m => m.Id == quorum.MyId);
        var zxid = core.Tree.LastProcessedZxid;
        return new JsonObject
        {
            ["myid"] = quorum.MyId,
            ["is_leader"] = core.Role == ServerRole.Leading,
            ["quorum_address"] = me is null ? null : Addresses(me.QuorumAddress),
            ["election_address"] = me is null ? null : Addresses(me.ElectionAddress),
            ["client_address"] = me?.ClientAddress ?? "",
            ["voting"] = quorum.IsVoting,
            ["last_zxid"] = "0x" + zxid.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            ["zab_epoch"] = zxid >> 32,
            ["zab_counter"] = zxid & 0xFFFF_FFFFL,
            ["zabstate"] = quorum.ZabState,
        };
    }

    /// <summary>ZooKeeper serialises its MultipleAddresses bean as it is: one address, seen from every angle.</summary>
    private static JsonObject Addresses(string hostPort)
    {
        var port = hostPort[(hostPort.LastIndexOf(':') + 1)..];
        return new JsonObject
        {
            ["empty"] = false,
            ["all_addresses"] = new JsonArray(hostPort),
            ["all_reachable_addresses"] = new JsonArray(hostPort),
            ["one"] = hostPort,
            ["reachable_address"] = hostPort,
            ["wildcard_addresses"] = new JsonArray("0.0.0.0:" + port),
            ["all_ports"] = new JsonArray(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
            ["all_host_strings"] = new JsonArray(Host(hostPort)),
            ["all_reachable_addresses_or_all"] = new JsonArray(hostPort),
            ["reachable_or_one"] = hostPort,
        };
    }

    private static string Host(string hostPort) => hostPort[..hostPort.LastIndexOf(':')];
}
