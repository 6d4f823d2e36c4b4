using System.Text.Json.Nodes;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol.Records;

namespace ZkNet.Admin.Console;

/// <summary>Export and import of a subtree as JSON, and search by path, all bounded.</summary>
internal static class ConsoleTransfer
{
    /// <summary>Nodes an export, import or search touches at most.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Search results returned at most.</summary>
    public const int MaxResults = 200;

    /// <summary>{path, data (base64 or null), children: [{name, data, children}...]}, nodes this identity can read.</summary>
    public static async Task<JsonNode?> ExportAsync(ConsoleSession s, string path)
    {
        var budget = new[] { MaxNodes };
        var tree = await ExportNodeAsync(s.Client, path, budget).ConfigureAwait(false);
        tree["path"] = path;
        return tree;
    }

    private static async Task<JsonObject> ExportNodeAsync(ZooKeeperClient client, string path, int[] budget)
    {
        if (--budget[0] < 0)
        {
            throw new ConsoleException($"the subtree has more than {MaxNodes} nodes; export a smaller one");
        }
        var data = await client.GetDataAsync(path).ConfigureAwait(false);
        var children = new JsonArray();
        foreach (var name in (await client.GetChildrenAsync(path).ConfigureAwait(false)).Order(StringComparer.Ordinal))
        {
            var child = await ExportNodeAsync(client, Child(path, name), budget).ConfigureAwait(false);
            child["name"] = name;
            children.Add(child);
        }
        return new JsonObject { ["data"] = data.IsNull ? null : Convert.ToBase64String(data.Data), ["children"] = children };
    }

    /// <summary>Creates (or updates the data of) every node of an exported tree under body.path, parents first.</summary>
    public static async Task<JsonNode?> ImportAsync(ConsoleSession s, JsonObject body)
    {
        var path = ConsoleTree.Required(body, "path");
        var tree = body["tree"] as JsonObject ?? throw new ConsoleException("tree is required (what export produced)");
        var count = new[] { 0 };
        await ImportNodeAsync(s.Client, path, tree, count).ConfigureAwait(false);
        return new JsonObject { ["path"] = path, ["nodes"] = count[0] };
    }

    private static async Task ImportNodeAsync(ZooKeeperClient client, string path, JsonObject node, int[] count)
    {
        if (++count[0] > MaxNodes)
        {
            throw new ConsoleException($"the import has more than {MaxNodes} nodes");
        }
        var encoded = (string?)node["data"];
        byte[]? data;
        try
        {
            data = encoded is null ? null : Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new ConsoleException($"{path}: data is not valid base64");
        }
        try
        {
            await client.CreateAsync(path, data, Acl.OpenAclUnsafe).ConfigureAwait(false);
        }
        catch (NodeExistsException)
        {
            await client.SetDataAsync(path, data).ConfigureAwait(false);
        }
        foreach (var child in node["children"] as JsonArray ?? [])
        {
            var name = (string?)child?["name"];
            if (child is not JsonObject childObject || string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal))
            {
                throw new ConsoleException($"{path}: every child needs a name without '/'");
            }
            await ImportNodeAsync(client, Child(path, name), childObject, count).ConfigureAwait(false);
        }
    }

    /// <summary>Paths under <paramref name="under"/> containing <paramref name="query"/> (case-insensitive), breadth first.</summary>
    public static async Task<JsonNode?> SearchAsync(ConsoleSession s, string query, string under)
    {
        if (query.Length == 0)
        {
            throw new ConsoleException("q is required");
        }
        var found = new JsonArray();
        var queue = new Queue<string>([under]);
        var visited = 0;
        while (queue.Count > 0 && visited++ < MaxNodes && found.Count < MaxResults)
        {
            var path = queue.Dequeue();
            if (path.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(path);
            }
            try
            {
                foreach (var name in (await s.Client.GetChildrenAsync(path).ConfigureAwait(false)).Order(StringComparer.Ordinal))
                {
                    queue.Enqueue(Child(path, name));
                }
            }
            catch (Exception ex) when (ex is NoAuthException or NoNodeException)
            {
                // Not readable by this identity, or gone meanwhile: nothing to search below it.
            }
        }
        return new JsonObject { ["query"] = query, ["paths"] = found, ["complete"] = queue.Count == 0 };
    }

    private static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;
}
