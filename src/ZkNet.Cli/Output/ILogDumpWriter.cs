using ZkNet.Persistence;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Cli.Output;

/// <summary>The two spellings of <c>zknet log dump</c>: readable lines and JSON, fed as the file is read.</summary>
internal interface ILogDumpWriter : IDisposable
{
    void Begin(string file, long fileSize, FileHeader header);

    void Txn(in TxnLogRecord record);

    /// <summary>Reading ended: cleanly (<paramref name="torn"/> null) or at a torn record.</summary>
    void End(long count, TornTail? torn);

    /// <summary>Reading stopped at damage after <paramref name="count"/> txns.</summary>
    void Fail(long count, string message);
}
