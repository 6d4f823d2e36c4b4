using System.Globalization;
using System.Text.Json.Nodes;

namespace ZkNet.Admin.Commands;

/// <summary>Watches and sessions: watches, watches_by_path, watch_summary and dump.</summary>
internal static class WatchCommands
{
    // ZooKeeper's watch commands report the data watches only (its dataWatches manager), as wchs/wchc/wchp do.
    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        new("watches", ["wchc"], (c, _) =>
        {
            var bySession = new JsonObject();
            foreach (var (watcher, paths) in c.Core.Tree.DataWatches.ByWatcher())
            {
                bySession[Id(watcher.SessionId)] = Array(paths.Select(p => (JsonNode?)p));
            }
            return new JsonObject { ["session_id_to_watched_paths"] = bySession };
        }),
        new("watches_by_path", ["wchp"], (c, _) =>
        {
            var byPath = new JsonObject();
            foreach (var (path, watchers) in c.Core.Tree.DataWatches.ByPath())
            {
                byPath[path] = Array(watchers.Select(w => (JsonNode?)w.SessionId));
            }
            return new JsonObject { ["path_to_session_ids"] = byPath };
        }),
        new("watch_summary", ["wchs"], (c, _) => new JsonObject
        {
            ["num_connections"] = c.Core.Tree.DataWatches.WatcherCount,
            ["num_paths"] = c.Core.Tree.DataWatches.PathCount,
            ["num_total_watches"] = c.Core.Tree.DataWatches.Count,
        }),
        new("dump", [], (c, _) => Dump(c)),
    ];

    private static JsonObject Dump(AdminContext context)
    {
        var core = context.Core;
        var byExpiry = new SortedDictionary<long, List<long>>();
        foreach (var session in core.Sessions.Sessions)
        {
            if (core.Sessions.ExpiryOf(session.Id) is { } expiry)
            {
                if (!byExpiry.TryGetValue(expiry, out var ids))
                {
                    byExpiry[expiry] = ids = [];
                }
                ids.Add(session.Id);
            }
        }
        var expiries = new JsonObject();
        foreach (var (expiry, ids) in byExpiry)
        {
            expiries[expiry.ToString(CultureInfo.InvariantCulture)] = Array(ids.Select(i => (JsonNode?)i));
        }
        var ephemerals = new JsonObject();
        foreach (var owner in core.Tree.EphemeralOwners)
        {
            ephemerals[Id(owner)] = Array(core.Tree.GetEphemerals(owner).Order(StringComparer.Ordinal).Select(p => (JsonNode?)p));
        }
        return new JsonObject
        {
            ["expiry_time_to_session_ids"] = expiries,
            ["session_id_to_ephemeral_paths"] = ephemerals,
        };
    }

    /// <summary>ZooKeeper keys these maps by the session id in decimal.</summary>
    private static string Id(long sessionId) => sessionId.ToString(CultureInfo.InvariantCulture);

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
