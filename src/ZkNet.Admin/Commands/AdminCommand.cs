using System.Text.Json.Nodes;

namespace ZkNet.Admin.Commands;

/// <summary>
/// One AdminServer command: its name, its aliases (the four-letter words and other names ZooKeeper accepts) and what
/// it answers. <see cref="Run"/> returns the command's own keys; the dispatcher adds "command" and "error".
/// </summary>
/// <param name="Name">The primary name (what /commands lists).</param>
/// <param name="Aliases">Other names that run it.</param>
/// <param name="Run">Builds the answer on the server's processor thread from the context and the query parameters.</param>
public sealed record AdminCommand(string Name, IReadOnlyList<string> Aliases,
    Func<AdminContext, IReadOnlyDictionary<string, string>, JsonObject> Run);
