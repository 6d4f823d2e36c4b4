using System.Buffers;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Persistence.Txns;

/// <summary>
/// Encodes and decodes the payload of a txn log record: TxnHeader, then the txn record its type calls for, then
/// the optional TxnDigest. The type-to-record table is the server's <see cref="TxnCodec"/>; what is particular to
/// a log is here: a closeSession's body may be absent (before 3.6) and a create may be the older CreateTxnV0, and
/// both are told apart from a digest that may follow. A multi stays a <see cref="MultiTxn"/>, whose operations
/// <see cref="MultiOps.FromMultiTxn"/> decodes when someone needs them.
/// </summary>
public static class TxnSerializer
{
    /// <summary>Size of a serialized TxnDigest (int version, long digest).</summary>
    public const int DigestSize = 12;

    /// <summary>Writes header, record and digest (the latter two when present).</summary>
    public static void Serialize(IBufferWriter<byte> output, TxnHeader header, IJuteRecord? record, TxnDigest? digest)
    {
        var writer = new JuteWriter(output);
        header.Serialize(writer);
        record?.Serialize(writer);
        digest?.Serialize(writer);
    }

    /// <summary>
    /// Writes header, record and a TxnDigest of <paramref name="treeDigest"/> in the current digest version: the
    /// server's write path, which has the digest as a number and allocates no TxnDigest for it.
    /// </summary>
    public static void Serialize(IBufferWriter<byte> output, TxnHeader header, IJuteRecord? record, long treeDigest)
    {
        var writer = new JuteWriter(output);
        header.Serialize(writer);
        record?.Serialize(writer);
        writer.WriteInt(Server.DataTree.DataTree.DigestVersion);
        writer.WriteLong(treeDigest);
    }

    /// <summary>Writes an entry's header, record and digest.</summary>
    public static void Serialize(IBufferWriter<byte> output, TxnLogEntry entry) =>
        Serialize(output, entry.Header, entry.Record, entry.Digest);

    /// <summary>The payload bytes of an entry (cold paths and tests).</summary>
    public static byte[] Serialize(TxnLogEntry entry)
    {
        using var buffer = new FrameBuffer(256);
        Serialize(buffer, entry);
        return buffer.ToArray();
    }

    /// <summary>Decodes a payload. Throws <see cref="JuteException"/> when it is malformed or of an unknown type.</summary>
    public static TxnLogEntry Deserialize(ReadOnlySpan<byte> payload)
    {
        var reader = new JuteReader(payload);
        var header = TxnHeader.Deserialize(ref reader);
        var body = reader.RemainingSpan;
        IJuteRecord? record;
        int consumed;
        switch ((OpCode)header.Type)
        {
            case OpCode.CloseSession:
                (record, consumed) = ReadCloseSession(body);
                break;
            case OpCode.Create or OpCode.Create2:
                (record, consumed) = ReadCreate(body);
                break;
            default:
                var bodyReader = new JuteReader(body);
                record = TxnCodec.DecodeBody(header.Type, ref bodyReader, inMulti: false);
                consumed = bodyReader.Position;
                break;
        }
        var rest = body[consumed..];
        TxnDigest? digest = null;
        // Writers with digests off leave nothing after the record; ZooKeeper reads a digest whenever one is there.
        if (rest.Length >= DigestSize)
        {
            var digestReader = new JuteReader(rest);
            digest = TxnDigest.Deserialize(ref digestReader);
        }
        return new TxnLogEntry(header, record, digest);
    }

    private static (IJuteRecord?, int) ReadCloseSession(ReadOnlySpan<byte> body)
    {
        // Since 3.6 (closeSessionTxn.enabled, on by default) a closeSession carries the ephemerals to delete; older
        // logs have no body at all. Accept the record only when what follows it is nothing or exactly a digest.
        if (body.Length == 0)
        {
            return (null, 0);
        }
        try
        {
            var reader = new JuteReader(body);
            var record = CloseSessionTxn.Deserialize(ref reader);
            if (reader.Remaining is 0 or DigestSize)
            {
                return (record, reader.Position);
            }
        }
        catch (JuteException)
        {
        }
        return (null, 0);
    }

    private static (IJuteRecord, int) ReadCreate(ReadOnlySpan<byte> body)
    {
        var reader = new JuteReader(body);
        try
        {
            var create = CreateTxn.Deserialize(ref reader);
            return (create, reader.Position);
        }
        catch (JuteException)
        {
            // A CreateTxnV0 (before parentCVersion existed): ZooKeeper reads it and sets parentCVersion to -1,
            // which makes DataTree bump the parent's cversion itself.
            reader = new JuteReader(body);
            var path = reader.ReadStringOrEmpty();
            var data = reader.ReadBuffer();
            var acl = Acl.ReadVector(ref reader);
            var ephemeral = reader.ReadBool();
            return (new CreateTxn(path, data, acl, ephemeral, -1), reader.Position);
        }
    }
}
