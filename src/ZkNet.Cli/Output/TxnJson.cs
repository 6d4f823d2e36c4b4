using System.Text.Json;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Cli.Output;

/// <summary>A logged txn as a JSON object: the header fields, "type", the record's fields, and the digest.</summary>
internal static class TxnJson
{
    /// <summary>Writes <paramref name="entry"/> as one object.</summary>
    public static void Write(Utf8JsonWriter json, TxnLogEntry entry, long offset)
    {
        var h = entry.Header;
        json.WriteStartObject();
        json.WriteNumber("time", h.Time);
        JsonFields.Hex(json, "session", h.ClientId);
        json.WriteNumber("cxid", h.Cxid);
        JsonFields.Hex(json, "zxid", h.Zxid);
        json.WriteNumber("offset", offset);
        Fields(json, h.Type, entry.Record);
        if (entry.Digest is { } digest)
        {
            json.WriteStartObject("digest");
            json.WriteNumber("version", digest.Version);
            JsonFields.Hex(json, "value", digest.TreeDigest);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, int type, IJuteRecord? record)
    {
        json.WriteString("type", TxnNames.Type(type));
        switch (record)
        {
            case CreateTxn c:
                Create(json, c.Path, c.Data, c.Acl, c.ParentCVersion);
                json.WriteBoolean("ephemeral", c.Ephemeral);
                break;
            case CreateContainerTxn c:
                Create(json, c.Path, c.Data, c.Acl, c.ParentCVersion);
                break;
            case CreateTtlTxn c:
                Create(json, c.Path, c.Data, c.Acl, c.ParentCVersion);
                json.WriteNumber("ttl", c.Ttl);
                break;
            case DeleteTxn d:
                json.WriteString("path", d.Path);
                break;
            case SetDataTxn s:
                json.WriteString("path", s.Path);
                JsonFields.Data(json, s.Data);
                json.WriteNumber("version", s.Version);
                break;
            case SetAclTxn s:
                json.WriteString("path", s.Path);
                JsonFields.Acl(json, "acl", s.Acl);
                json.WriteNumber("version", s.Version);
                break;
            case CheckVersionTxn c:
                json.WriteString("path", c.Path);
                json.WriteNumber("version", c.Version);
                break;
            case ErrorTxn e:
                json.WriteNumber("err", e.Err);
                json.WriteString("error", TxnNames.Error(e.Err));
                break;
            case CreateSessionTxn s:
                json.WriteNumber("timeout", s.TimeOut);
                break;
            case CloseSessionTxn c:
                json.WriteStartArray("ephemerals");
                foreach (var path in c.Paths2Delete)
                {
                    json.WriteStringValue(path);
                }
                json.WriteEndArray();
                break;
            case MultiTxn m:
                Multi(json, m);
                break;
            default:
                break;
        }
    }

    private static void Create(Utf8JsonWriter json, string path, byte[]? data, IReadOnlyList<Acl> acl, int parentCVersion)
    {
        json.WriteString("path", path);
        JsonFields.Data(json, data);
        JsonFields.Acl(json, "acl", acl);
        json.WriteNumber("parentCVersion", parentCVersion);
    }

    private static void Multi(Utf8JsonWriter json, MultiTxn multi)
    {
        IReadOnlyList<TxnOp> ops;
        try
        {
            ops = MultiOps.FromMultiTxn(multi).Ops;
        }
        catch (JuteException e)
        {
            json.WriteString("undecodable", e.Message);
            return;
        }
        json.WriteStartArray("ops");
        foreach (var op in ops)
        {
            json.WriteStartObject();
            Fields(json, op.Type, op.Body);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
