using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>Decodes a logged txn (TxnHeader, the record its type names, then an optional TxnDigest) into records.</summary>
internal static class TxnDecoder
{
    /// <summary>Decodes a whole logged txn; the bytes must be consumed exactly.</summary>
    public static List<IJuteRecord> Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        var header = TxnHeader.Deserialize(ref reader);
        var records = new List<IJuteRecord> { header, ReadRecord((OpCode)header.Type, ref reader) };
        // ZooKeeper 3.6+ appends the tree digest after a txn that changed the tree (error txns have none).
        if (reader.Remaining > 0)
        {
            records.Add(TxnDigest.Deserialize(ref reader));
        }
        Assert.Equal(0, reader.Remaining);
        return records;
    }

    /// <summary>Decodes the record of one operation inside a MultiTxn (its <see cref="Txn.Data"/>).</summary>
    public static IJuteRecord DecodeInner(Txn txn)
    {
        var reader = new JuteReader(txn.Data);
        var record = ReadRecord((OpCode)txn.Type, ref reader);
        Assert.Equal(0, reader.Remaining);
        return record;
    }

    private static IJuteRecord ReadRecord(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create or OpCode.Create2 => CreateTxn.Deserialize(ref reader),
        OpCode.CreateContainer => CreateContainerTxn.Deserialize(ref reader),
        OpCode.CreateTtl => CreateTtlTxn.Deserialize(ref reader),
        OpCode.Delete or OpCode.DeleteContainer => DeleteTxn.Deserialize(ref reader),
        OpCode.SetData => SetDataTxn.Deserialize(ref reader),
        OpCode.SetAcl => SetAclTxn.Deserialize(ref reader),
        OpCode.Check => CheckVersionTxn.Deserialize(ref reader),
        OpCode.Multi => MultiTxn.Deserialize(ref reader),
        OpCode.Error => ErrorTxn.Deserialize(ref reader),
        OpCode.CreateSession => CreateSessionTxn.Deserialize(ref reader),
        OpCode.CloseSession => CloseSessionTxn.Deserialize(ref reader),
        _ => throw new JuteException($"no txn record for type {type}"),
    };
}
