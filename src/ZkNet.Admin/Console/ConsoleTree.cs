using System.Text.Json.Nodes;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Admin.Console;

/// <summary>The console's tree operations, each one ZooKeeper request (or a few) through the page's own session.</summary>
internal static class ConsoleTree
{
    /// <summary>Children listed per request at most; a larger list says it was cut (the tree stays fast to browse).</summary>
    public const int MaxChildren = 1000;

    public static async Task<JsonNode?> ChildrenAsync(ConsoleSession s, string path)
    {
        var children = await s.Client.GetChildrenAsync(path).ConfigureAwait(false);
        var sorted = children.Order(StringComparer.Ordinal).Take(MaxChildren).Select(c => (JsonNode?)c).ToArray();
        return new JsonObject { ["path"] = path, ["children"] = new JsonArray(sorted), ["total"] = children.Count };
    }

    public static async Task<JsonNode?> NodeAsync(ConsoleSession s, string path)
    {
        var data = await s.Client.GetDataAsync(path).ConfigureAwait(false);
        var acl = await s.Client.GetAclAsync(path).ConfigureAwait(false);
        return NodeJson.Node(path, data.Data, data.IsNull, data.Stat, acl.Acl);
    }

    public static async Task<JsonNode?> CreateAsync(ConsoleSession s, JsonObject body)
    {
        var mode = ((string?)body["mode"] ?? "persistent") switch
        {
            "persistent" => CreateMode.Persistent,
            "ephemeral" => CreateMode.Ephemeral,
            "sequential" => CreateMode.PersistentSequential,
            "container" => CreateMode.Container,
            var other => throw new ConsoleException($"unknown mode '{other}': persistent, ephemeral, sequential or container"),
        };
        var acl = body["acl"] is null ? Acl.OpenAclUnsafe : NodeJson.ParseAcl(body["acl"]);
        var created = await s.Client.CreateAsync(Required(body, "path"), NodeJson.ParseData(body), acl, mode).ConfigureAwait(false);
        return new JsonObject { ["path"] = created };
    }

    /// <summary>
    /// Sets data only if the node is still at the version the page showed: a concurrent change answers 409 with the
    /// node as it is now, so the page shows it instead of overwriting it.
    /// </summary>
    public static async Task<JsonNode?> SetAsync(ConsoleSession s, JsonObject body)
    {
        var path = Required(body, "path");
        try
        {
            var stat = await s.Client.SetDataAsync(path, NodeJson.ParseData(body), Version(body)).ConfigureAwait(false);
            return new JsonObject { ["path"] = path, ["stat"] = NodeJson.Stat(stat) };
        }
        catch (BadVersionException)
        {
            throw new ConsoleException(409, $"{path} was changed by someone else (now at version {(await s.Client.ExistsAsync(path).ConfigureAwait(false))?.Version}); reload it before saving");
        }
    }

    public static async Task<JsonNode?> DeleteAsync(ConsoleSession s, JsonObject body)
    {
        var path = Required(body, "path");
        if (path == "/")
        {
            throw new ConsoleException("the root cannot be deleted");
        }
        if ((bool?)body["recursive"] == true)
        {
            await s.Client.DeleteRecursiveAsync(path).ConfigureAwait(false);
        }
        else
        {
            await s.Client.DeleteAsync(path, Version(body)).ConfigureAwait(false);
        }
        return new JsonObject { ["path"] = path, ["deleted"] = true };
    }

    public static async Task<JsonNode?> SetAclAsync(ConsoleSession s, JsonObject body)
    {
        var path = Required(body, "path");
        var stat = await s.Client.SetAclAsync(path, NodeJson.ParseAcl(body["acl"]), Version(body)).ConfigureAwait(false);
        return new JsonObject { ["path"] = path, ["stat"] = NodeJson.Stat(stat) };
    }

    public static string Required(JsonObject body, string key) =>
        (string?)body[key] is { Length: > 0 } value ? value : throw new ConsoleException($"{key} is required");

    private static int Version(JsonObject body) => body["version"] switch
    {
        null => -1,
        JsonValue v when v.TryGetValue<int>(out var version) => version,
        _ => throw new ConsoleException("version must be an integer"),
    };
}
