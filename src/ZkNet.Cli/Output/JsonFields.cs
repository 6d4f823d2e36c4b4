using System.Text.Json;
using ZkNet.Persistence;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Output;

/// <summary>The JSON spellings shared by the file tools: ids and zxids as "0x..." strings, data as base64 (plus the
/// text when it is printable UTF-8), ACLs as {perms, scheme, id}.</summary>
internal static class JsonFields
{
    /// <summary>Writes "name": "0x...".</summary>
    public static void Hex(Utf8JsonWriter json, string name, long value) => json.WriteString(name, ZnodeText.Hex(value));

    /// <summary>Writes "data" (base64 or null) and, when the data is printable text, "text".</summary>
    public static void Data(Utf8JsonWriter json, byte[]? data)
    {
        if (data is null)
        {
            json.WriteNull("data");
            return;
        }
        json.WriteBase64String("data", data);
        if (ZnodeText.AsText(data) is { } text)
        {
            json.WriteString("text", text);
        }
    }

    /// <summary>Writes "name": [{perms, scheme, id}...].</summary>
    public static void Acl(Utf8JsonWriter json, string name, IReadOnlyList<Acl>? acl)
    {
        if (acl is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartArray(name);
        foreach (var entry in acl)
        {
            json.WriteStartObject();
            json.WriteString("perms", ZnodeText.Perms(entry.Perms));
            json.WriteString("scheme", entry.Id.Scheme);
            json.WriteString("id", entry.Id.Identity);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Writes the StatPersisted fields with ZooKeeper's Stat names.</summary>
    public static void Stat(Utf8JsonWriter json, in StatPersisted stat)
    {
        Hex(json, "czxid", stat.Czxid);
        Hex(json, "mzxid", stat.Mzxid);
        Hex(json, "pzxid", stat.Pzxid);
        json.WriteNumber("ctime", stat.Ctime);
        json.WriteNumber("mtime", stat.Mtime);
        json.WriteNumber("version", stat.Version);
        json.WriteNumber("cversion", stat.Cversion);
        json.WriteNumber("aversion", stat.Aversion);
        Hex(json, "ephemeralOwner", stat.EphemeralOwner);
    }

    /// <summary>Writes "header": {magic, version, dbid}.</summary>
    public static void Header(Utf8JsonWriter json, FileHeader header)
    {
        json.WriteStartObject("header");
        json.WriteString("magic", Magic(header.Magic));
        json.WriteNumber("version", header.Version);
        json.WriteNumber("dbid", header.DbId);
        json.WriteEndObject();
    }

    /// <summary>A magic number as its four ASCII letters (ZKLG, ZKSN), or hex when not printable.</summary>
    public static string Magic(int magic)
    {
        Span<char> letters = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var c = (char)((magic >> (24 - (8 * i))) & 0xff);
            if (c is < ' ' or > '~')
            {
                return "0x" + magic.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            }
            letters[i] = c;
        }
        return new string(letters);
    }
}
