using System.Text.Json.Nodes;

namespace ZkNet.Admin.Commands;

/// <summary>
/// The quorum commands, answered as a standalone ZooKeeper answers them (ZkNet serves standalone only so far); a
/// replicated member will answer them from its quorum state through the same names.
/// </summary>
internal static class QuorumCommands
{
    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        new("leader", ["lead"], (_, _) => throw new AdminCommandException("server is not initialized")),
        new("observers", ["obsr"], (_, _) => new JsonObject { ["synced_observers"] = 0, ["observers"] = new JsonArray() }),
        new("observer_connection_stat_reset", ["orst"], (_, _) => []),
        new("voting_view", [], (_, _) => new JsonObject { ["current_config"] = new JsonObject() }),
        new("zabstate", [], (_, _) => new JsonObject { ["voting"] = false, ["zabstate"] = "" }),
    ];
}
