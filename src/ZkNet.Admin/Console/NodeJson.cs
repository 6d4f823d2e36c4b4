using System.Text;
using System.Text.Json.Nodes;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Admin.Console;

/// <summary>How the console's API spells nodes, stats and ACLs in JSON.</summary>
internal static class NodeJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>A node: data as base64 and, when it is valid UTF-8, as text too; its Stat and ACL.</summary>
    public static JsonObject Node(string path, byte[] data, bool isNull, Stat stat, IReadOnlyList<Acl> acl) => new()
    {
        ["path"] = path,
        ["data"] = isNull ? null : Convert.ToBase64String(data),
        ["text"] = isNull ? null : TryText(data),
        ["stat"] = Stat(stat),
        ["acl"] = Acl(acl),
    };

    public static JsonObject Stat(Stat s) => new()
    {
        ["czxid"] = s.Czxid, ["mzxid"] = s.Mzxid, ["pzxid"] = s.Pzxid, ["ctime"] = s.Ctime, ["mtime"] = s.Mtime,
        ["version"] = s.Version, ["cversion"] = s.Cversion, ["aversion"] = s.Aversion,
        ["ephemeralOwner"] = s.EphemeralOwner, ["dataLength"] = s.DataLength, ["numChildren"] = s.NumChildren,
    };

    public static JsonArray Acl(IReadOnlyList<Acl> acl) =>
        new([.. acl.Select(a => (JsonNode)new JsonObject { ["perms"] = PermsText(a.Perms), ["scheme"] = a.Id.Scheme, ["id"] = a.Id.Identity })]);

    /// <summary>Reads an ACL list as the page sends it: perms as zkCli spells them (any of "cdrwa").</summary>
    /// <exception cref="ConsoleException">An entry is malformed.</exception>
    public static List<Acl> ParseAcl(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            throw new ConsoleException("acl must be a non-empty list of {perms, scheme, id}");
        }
        return [.. array.Select(entry =>
        {
            var perms = (string?)entry?["perms"] ?? "";
            var scheme = (string?)entry?["scheme"];
            var id = (string?)entry?["id"];
            if (scheme is null or "" || id is null || perms.Length == 0 || perms.Any(c => !"cdrwa".Contains(c, StringComparison.Ordinal)))
            {
                throw new ConsoleException($"bad ACL entry {entry?.ToJsonString()}: perms is a string of c, d, r, w, a; scheme and id are required");
            }
            return new Acl(ParsePerms(perms), new Id(scheme, id));
        })];
    }

    /// <summary>zkCli's spelling of permissions: c d r w a.</summary>
    public static string PermsText(int perms)
    {
        var sb = new StringBuilder();
        if ((perms & Perms.Create) != 0) { sb.Append('c'); }
        if ((perms & Perms.Delete) != 0) { sb.Append('d'); }
        if ((perms & Perms.Read) != 0) { sb.Append('r'); }
        if ((perms & Perms.Write) != 0) { sb.Append('w'); }
        if ((perms & Perms.Admin) != 0) { sb.Append('a'); }
        return sb.ToString();
    }

    private static int ParsePerms(string text) => text.Aggregate(0, (p, c) => p | c switch
    {
        'c' => Perms.Create,
        'd' => Perms.Delete,
        'r' => Perms.Read,
        'w' => Perms.Write,
        _ => Perms.Admin,
    });

    /// <summary>The data the page sent: "text" (UTF-8) or "base64".</summary>
    /// <exception cref="ConsoleException">The encoding is unknown or the base64 is malformed.</exception>
    public static byte[] ParseData(JsonObject body)
    {
        var data = (string?)body["data"] ?? "";
        return ((string?)body["encoding"] ?? "text") switch
        {
            "text" => Encoding.UTF8.GetBytes(data),
            "base64" => Convert.TryFromBase64String(data, new byte[data.Length], out var n) ? Convert.FromBase64String(data)[..n]
                : throw new ConsoleException("data is not valid base64"),
            var other => throw new ConsoleException($"unknown encoding '{other}': use text or base64"),
        };
    }

    private static string? TryText(byte[] data)
    {
        try
        {
            return StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
