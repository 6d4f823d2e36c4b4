using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Zab;
using ZkNet.Server.Txn;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// A txn as the server holds it (header and record) and as ZAB moves it (the bytes the log holds: TxnHeader, record,
/// and the digest a 3.8 leader appends, which ZkNet reads past).
/// </summary>
internal static class ZabTxnCodec
{
    /// <summary>The PROPOSAL bytes of a txn (a multi's operations serialize as ZooKeeper's MultiTxn).</summary>
    public static ZabTxn Encode(TxnHeader header, IJuteRecord body)
    {
        using var buffer = new FrameBuffer(256);
        TxnSerializer.Serialize(buffer, header, body, null);
        return new ZabTxn(header.Zxid, buffer.ToArray());
    }

    /// <summary>The header and the server-side record of a txn's bytes.</summary>
    /// <exception cref="JuteException">The bytes do not hold a txn ZkNet knows.</exception>
    public static (TxnHeader Header, IJuteRecord Body) Decode(ZabTxn txn)
    {
        var entry = TxnSerializer.Deserialize(txn.Data);
        IJuteRecord body = entry.Record switch
        {
            MultiTxn multi => MultiOps.FromMultiTxn(multi),
            null => new CloseSessionTxn([]),
            { } record => record,
        };
        return (entry.Header, body);
    }
}
