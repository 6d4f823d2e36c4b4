using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Zab;
using ZkNet.Server.Txn;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// A txn as the server holds it (header and record) and as ZAB moves it (the bytes the log holds: TxnHeader, record,
/// and the TxnDigest a 3.8 leader appends when digest.enabled, as ZkNet's leader does too).
/// </summary>
internal static class ZabTxnCodec
{
    /// <summary>
    /// The PROPOSAL bytes of a txn (a multi's operations serialize as ZooKeeper's MultiTxn), with the tree digest after
    /// it when there is one.
    /// </summary>
    public static ZabTxn Encode(TxnHeader header, IJuteRecord body, long? digest)
    {
        using var buffer = new FrameBuffer(256);
        if (digest is { } treeDigest)
        {
            TxnSerializer.Serialize(buffer, header, body, treeDigest);
        }
        else
        {
            TxnSerializer.Serialize(buffer, header, body, null);
        }
        return new ZabTxn(header.Zxid, buffer.ToArray());
    }

    /// <summary>A logged txn's PROPOSAL bytes, its digest (if the log has one) included, as a DIFF sync sends them.</summary>
    public static ZabTxn Encode(TxnLogEntry entry)
    {
        using var buffer = new FrameBuffer(256);
        TxnSerializer.Serialize(buffer, entry.Header, entry.Record, entry.Digest);
        return new ZabTxn(entry.Header.Zxid, buffer.ToArray());
    }

    /// <summary>The header, the server-side record and the tree digest (when sent, in the version ZkNet computes) of a txn's bytes.</summary>
    /// <exception cref="JuteException">The bytes do not hold a txn ZkNet knows.</exception>
    public static (TxnHeader Header, IJuteRecord Body, long? Digest) DecodeWithDigest(ZabTxn txn)
    {
        var entry = TxnSerializer.Deserialize(txn.Data);
        return (entry.Header, ServerRecord(entry), entry.Digest is { Version: ZkNet.Server.DataTree.DataTree.DigestVersion } d ? d.TreeDigest : null);
    }

    /// <summary>The header and the server-side record of a txn's bytes.</summary>
    /// <exception cref="JuteException">The bytes do not hold a txn ZkNet knows.</exception>
    public static (TxnHeader Header, IJuteRecord Body) Decode(ZabTxn txn)
    {
        var entry = TxnSerializer.Deserialize(txn.Data);
        return (entry.Header, ServerRecord(entry));
    }

    private static IJuteRecord ServerRecord(TxnLogEntry entry) => entry.Record switch
    {
        MultiTxn multi => MultiOps.FromMultiTxn(multi),
        null => new CloseSessionTxn([]),
        { } record => record,
    };
}
