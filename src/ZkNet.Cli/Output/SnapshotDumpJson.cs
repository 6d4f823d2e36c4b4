using System.Text.Encodings.Web;
using System.Text.Json;
using ZkNet.Persistence;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Output;

/// <summary>
/// <c>zknet snapshot dump --json</c>: one JSON document, streamed. Nodes come in file order; sessions follow them
/// (their ephemeral counts are known only then). A file that turns out damaged still yields valid JSON, ending
/// with "complete": false and "error".
/// </summary>
internal sealed class SnapshotDumpJson : ISnapshotDumpWriter
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly bool _withData;
    private bool _inNodes;

    public SnapshotDumpJson(ToolConsole console, bool withData)
    {
        _output = console.Out;
        _json = CreateWriter(console.Out);
        _withData = withData;
    }

    /// <summary>An indented writer that leaves non-ASCII text readable (no \uXXXX for every accented letter).</summary>
    public static Utf8JsonWriter CreateWriter(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public void Begin(string file, SnapshotCompression compression, long fileSize, FileHeader header, long nameZxid)
    {
        _json.WriteStartObject();
        _json.WriteString("file", file);
        _json.WriteString("compression", SnapshotDumpText.Compression(compression));
        _json.WriteNumber("fileSize", fileSize);
        JsonFields.Header(_json, header);
        if (nameZxid >= 0)
        {
            JsonFields.Hex(_json, "nameZxid", nameZxid);
        }
        _json.WriteStartArray("nodes");
        _inNodes = true;
    }

    public void Node(in SnapshotNode node, IReadOnlyList<Acl>? acl)
    {
        _json.WriteStartObject();
        _json.WriteString("path", node.Path);
        JsonFields.Stat(_json, node.Stat);
        _json.WriteNumber("dataLength", node.Data?.Length ?? 0);
        if (_withData)
        {
            JsonFields.Data(_json, node.Data);
        }
        _json.WriteNumber("aclRef", node.AclRef);
        JsonFields.Acl(_json, "acl", acl);
        _json.WriteEndObject();
        if (_json.BytesPending > 64 * 1024)
        {
            _json.Flush();
        }
    }

    public void End(SnapshotDumpTotals totals)
    {
        EndNodes();
        _json.WriteNumber("nodeCount", totals.NodeCount);
        _json.WriteStartArray("sessions");
        foreach (var (id, timeout, ephemerals) in totals.Sessions)
        {
            _json.WriteStartObject();
            JsonFields.Hex(_json, "id", id);
            _json.WriteNumber("timeout", timeout);
            _json.WriteNumber("ephemeralCount", ephemerals);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteNumber("aclCacheSize", totals.AclCacheSize);
        WriteDigest(_json, totals.Digest);
        JsonFields.Hex(_json, "lastZxid", totals.LastZxid);
        _json.WriteBoolean("complete", true);
        _json.WriteEndObject();
    }

    public void Fail(string message)
    {
        EndNodes();
        _json.WriteBoolean("complete", false);
        _json.WriteString("error", message);
        _json.WriteEndObject();
        _json.Flush();
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.WriteByte((byte)'\n');
        _output.Flush();
    }

    /// <summary>Writes "digest": {zxid, version, value} or null.</summary>
    public static void WriteDigest(Utf8JsonWriter json, SnapshotDigest? digest)
    {
        if (digest is not { } d)
        {
            json.WriteNull("digest");
            return;
        }
        json.WriteStartObject("digest");
        JsonFields.Hex(json, "zxid", d.Zxid);
        json.WriteNumber("version", d.Version);
        JsonFields.Hex(json, "value", d.Digest);
        json.WriteEndObject();
    }

    private void EndNodes()
    {
        if (_inNodes)
        {
            _json.WriteEndArray();
            _inNodes = false;
        }
    }
}
