using ZkNet.Persistence;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Cli.Output;

/// <summary>
/// Readable <c>zknet log dump</c>, in the shape of ZooKeeper's TxnLogToolkit: a header line, one line per txn, and
/// "EOF reached after N txns." (or where and why reading stopped).
/// </summary>
internal sealed class LogDumpText(ToolConsole console) : ILogDumpWriter
{
    private readonly StreamWriter _out = console.CreateTextWriter();

    public void Begin(string file, long fileSize, FileHeader header) =>
        _out.WriteLine($"ZooKeeper txn log {file} ({fileSize} bytes): magic {JsonFields.Magic(header.Magic)}, format version {header.Version}, dbid {header.DbId}");

    public void Txn(in TxnLogRecord record) => _out.WriteLine(TxnText.Line(record.Entry));

    public void End(long count, TornTail? torn) => _out.WriteLine(torn is null
        ? $"EOF reached after {count} txns."
        : $"Torn record at offset {torn.Offset} after {count} txns ({torn.Reason}): a write cut short by a crash, never acknowledged.");

    public void Fail(long count, string message)
    {
        _out.WriteLine($"Stopped after {count} txns: {message}");
        _out.Flush();
    }

    public void Dispose() => _out.Dispose();
}
