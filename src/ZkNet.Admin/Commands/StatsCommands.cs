using System.Text.Json.Nodes;
using ZkNet.Server;
using ZkNet.Server.FourLetterWords;
using ZkNet.Server.Pipeline;

namespace ZkNet.Admin.Commands;

/// <summary>Figures and connections: monitor, server_stats, stats, connections and the resets.</summary>
internal static class StatsCommands
{
    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        new("monitor", ["mntr"], (c, _) => Monitor(c)),
        new("server_stats", ["srvr"], (c, _) => ServerStats(c)),
        new("stats", ["stat"], (c, _) => Stats(c)),
        new("stat_reset", ["srst"], (c, _) =>
        {
            c.Core.Stats.Reset();
            return [];
        }),
        new("connections", ["cons"], (c, _) => new JsonObject
        {
            ["connections"] = Connections(c, full: true),
            ["secure_connections"] = new JsonArray(),
        }),
        new("connection_stat_reset", ["crst"], (c, _) =>
        {
            foreach (var cnxn in c.Core.Connections?.Snapshot() ?? [])
            {
                cnxn.Stats.Reset();
            }
            return [];
        }),
    ];

    /// <summary>The same figures as mntr (one source), keyed without the zk_ prefix and typed as numbers.</summary>
    private static JsonObject Monitor(AdminContext context)
    {
        var answer = new JsonObject();
        foreach (var (key, value) in ZooKeeperServer.MonitorValues(context.Core.Metrics.Read()))
        {
            answer[key] = ToNode(value);
        }
        return answer;
    }

    private static JsonObject Stats(AdminContext context)
    {
        var answer = ServerStats(context);
        answer["connections"] = Connections(context, full: false);
        answer["secure_connections"] = new JsonArray();
        return answer;
    }

    private static JsonObject ServerStats(AdminContext context)
    {
        var core = context.Core;
        var m = ZooKeeperServer.MonitorValues(core.Metrics.Read()).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new JsonObject
        {
            ["version"] = FourLetterWordNames.Version,
            ["read_only"] = false,
            ["server_stats"] = new JsonObject
            {
                ["packets_sent"] = ToNode(m["packets_sent"]),
                ["packets_received"] = ToNode(m["packets_received"]),
                ["fsync_threshold_exceed_count"] = core.Metrics.FsyncThresholdExceeded.Value,
                ["client_response_stats"] = ClientResponse(m),
                ["data_dir_size"] = core.Options.DataDirSize?.Invoke() ?? 0,
                ["log_dir_size"] = core.Options.DataLogDirSize?.Invoke() ?? 0,
                ["provider_null"] = false,
                ["server_state"] = core.ServerState,
                ["last_processed_zxid"] = core.Tree.LastProcessedZxid,
                ["outstanding_requests"] = ToNode(m["outstanding_requests"]),
                ["avg_latency"] = ToNode(m["avg_latency"]),
                ["max_latency"] = ToNode(m["max_latency"]),
                ["min_latency"] = ToNode(m["min_latency"]),
                ["num_alive_client_connections"] = ToNode(m["num_alive_connections"]),
                ["uptime"] = ToNode(m["uptime"]),
                ["auth_failed_count"] = ToNode(m["auth_failed_count"]),
                // ZooKeeper's JSON spells these two without the underscore mntr has.
                ["non_mtlsremote_conn_count"] = ToNode(m["non_mtls_remote_conn_count"]),
                ["non_mtlslocal_conn_count"] = ToNode(m["non_mtls_local_conn_count"]),
            },
            ["client_response"] = ClientResponse(m),
            ["node_count"] = ToNode(m["znode_count"]),
        };
    }

    private static JsonObject ClientResponse(Dictionary<string, object> m) => new()
    {
        ["last_buffer_size"] = ToNode(m["last_client_response_size"]),
        ["min_buffer_size"] = ToNode(m["min_client_response_size"]),
        ["max_buffer_size"] = ToNode(m["max_client_response_size"]),
    };

    /// <summary>One entry per connection, with ZooKeeper's keys; the session keys only once a session is attached.</summary>
    private static JsonArray Connections(AdminContext context, bool full)
    {
        var list = new JsonArray();
        foreach (var cnxn in context.Core.Connections?.Snapshot() ?? [])
        {
            list.Add(Connection(cnxn, full));
        }
        return list;
    }

    private static JsonObject Connection(ServerCnxn cnxn, bool full)
    {
        var s = cnxn.Stats;
        var entry = new JsonObject
        {
            ["remote_socket_address"] = $"{cnxn.Remote.Address}:{cnxn.Remote.Port}",
            // ZooKeeper's NIO selector interest (1: read); ZkNet always reads unless throttled.
            ["interest_ops"] = 1,
            ["outstanding_requests"] = s.Outstanding,
            ["packets_received"] = s.PacketsReceived,
            ["packets_sent"] = s.PacketsSent,
        };
        if (!full || cnxn.SessionId == 0)
        {
            return entry;
        }
        entry["session_id"] = cnxn.SessionId;
        entry["last_operation"] = s.LastOp;
        entry["established"] = cnxn.Established.ToUnixTimeMilliseconds();
        entry["session_timeout"] = cnxn.SessionTimeout;
        entry["last_cxid"] = s.LastCxid;
        entry["last_zxid"] = s.LastZxid;
        entry["last_response_time"] = s.LastResponseTime;
        entry["last_latency"] = s.LastLatency;
        entry["min_latency"] = s.Count == 0 ? 0 : s.MinLatency;
        entry["avg_latency"] = s.Count == 0 ? 0 : s.TotalLatency / s.Count;
        entry["max_latency"] = s.MaxLatency;
        return entry;
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        string s => s,
        _ => value.ToString(),
    };
}
