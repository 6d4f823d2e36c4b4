using System.Text.Json.Nodes;

namespace ZkNet.Admin.Commands;

/// <summary>Every AdminServer command of ZooKeeper 3.8, found by name or alias.</summary>
public static class AdminCommands
{
    private static readonly Dictionary<string, AdminCommand> ByName = Build();

    /// <summary>The commands in name order (what /commands lists).</summary>
    public static IReadOnlyList<AdminCommand> All { get; } =
        [.. ByName.Values.Distinct().OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The command <paramref name="name"/> names (primary name or alias), or null.</summary>
    public static AdminCommand? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Runs <paramref name="name"/> on the server's processor thread and returns its answer with "command" and
    /// "error" as ZooKeeper adds them: an unknown command or refused input is an answer with an error, not a failure.
    /// </summary>
    public static async Task<JsonObject> RunAsync(AdminContext context, string name, IReadOnlyDictionary<string, string> query,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = Find(name);
        if (command is null)
        {
            return Error(name, $"Unknown command: {name}");
        }
        JsonObject answer;
        try
        {
            answer = await context.Core.InspectAsync(() => command.Run(context, query), cancellationToken).ConfigureAwait(false);
        }
        catch (AdminCommandException ex)
        {
            return Error(command.Name, ex.Message);
        }
        answer["command"] = command.Name;
        answer["error"] = null;
        return answer;
    }

    private static JsonObject Error(string name, string message) => new() { ["error"] = message, ["command"] = name };

    private static Dictionary<string, AdminCommand> Build()
    {
        var map = new Dictionary<string, AdminCommand>(StringComparer.Ordinal);
        foreach (var command in ServerCommands.All.Concat(StatsCommands.All).Concat(WatchCommands.All).Concat(QuorumCommands.All))
        {
            map.Add(command.Name, command);
            foreach (var alias in command.Aliases)
            {
                map.Add(alias, command);
            }
        }
        return map;
    }
}
