using System.Text.Json;
using ZkNet.Persistence;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Cli.Output;

/// <summary>
/// <c>zknet log dump --json</c>: one JSON document, streamed: file, header, "txns" (each as <see cref="TxnJson"/>
/// writes it), "count" and "end" ("clean", "torn" with "tornTail", or "error" with "error"). Damage still yields
/// valid JSON.
/// </summary>
internal sealed class LogDumpJson(ToolConsole console) : ILogDumpWriter
{
    private readonly Utf8JsonWriter _json = SnapshotDumpJson.CreateWriter(console.Out);
    private bool _inTxns;

    public void Begin(string file, long fileSize, FileHeader header)
    {
        _json.WriteStartObject();
        _json.WriteString("file", file);
        _json.WriteNumber("fileSize", fileSize);
        JsonFields.Header(_json, header);
        _json.WriteStartArray("txns");
        _inTxns = true;
    }

    public void Txn(in TxnLogRecord record)
    {
        TxnJson.Write(_json, record.Entry, record.Offset);
        if (_json.BytesPending > 64 * 1024)
        {
            _json.Flush();
        }
    }

    public void End(long count, TornTail? torn)
    {
        EndTxns(count);
        _json.WriteString("end", torn is null ? "clean" : "torn");
        if (torn is not null)
        {
            _json.WriteStartObject("tornTail");
            _json.WriteNumber("offset", torn.Offset);
            _json.WriteString("reason", torn.Reason);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
    }

    public void Fail(long count, string message)
    {
        EndTxns(count);
        _json.WriteString("end", "error");
        _json.WriteString("error", message);
        _json.WriteEndObject();
        _json.Flush();
    }

    public void Dispose()
    {
        _json.Dispose();
        console.Out.WriteByte((byte)'\n');
        console.Out.Flush();
    }

    private void EndTxns(long count)
    {
        if (_inTxns)
        {
            _json.WriteEndArray();
            _inTxns = false;
        }
        _json.WriteNumber("count", count);
    }
}
