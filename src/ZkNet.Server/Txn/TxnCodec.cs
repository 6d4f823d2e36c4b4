using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Txn;

/// <summary>
/// Maps a txn type to its record. At the top level the table is ZooKeeper's SerializeUtils.deserializeTxn (create
/// and create2 share CreateTxn, delete and deleteContainer share DeleteTxn, reconfig and setData share SetDataTxn,
/// a multi stays a <see cref="MultiTxn"/>); inside a multi it is the one DataTree.processTxn applies to a multi's
/// operations, which adds check and refuses the session, ACL, reconfig and nested multi types.
/// </summary>
public static class TxnCodec
{
    /// <summary>Decodes the record of a txn of <paramref name="type"/>.</summary>
    public static IJuteRecord DecodeBody(int type, ReadOnlySpan<byte> bytes, bool inMulti)
    {
        var reader = new JuteReader(bytes);
        return DecodeBody(type, ref reader, inMulti);
    }

    /// <summary>
    /// Decodes the record of a txn of <paramref name="type"/> from a reader. Throws <see cref="JuteException"/> for a
    /// type that has no record where it stands.
    /// </summary>
    public static IJuteRecord DecodeBody(int type, ref JuteReader reader, bool inMulti) => (OpCode)type switch
    {
        OpCode.Create or OpCode.Create2 => CreateTxn.Deserialize(ref reader),
        OpCode.CreateTtl => CreateTtlTxn.Deserialize(ref reader),
        OpCode.CreateContainer => CreateContainerTxn.Deserialize(ref reader),
        OpCode.Delete or OpCode.DeleteContainer => DeleteTxn.Deserialize(ref reader),
        OpCode.SetData => SetDataTxn.Deserialize(ref reader),
        OpCode.Error => ErrorTxn.Deserialize(ref reader),
        OpCode.Check when inMulti => CheckVersionTxn.Deserialize(ref reader),
        OpCode.Reconfig when !inMulti => SetDataTxn.Deserialize(ref reader),
        OpCode.SetAcl when !inMulti => SetAclTxn.Deserialize(ref reader),
        OpCode.Multi when !inMulti => MultiTxn.Deserialize(ref reader),
        OpCode.CreateSession when !inMulti => CreateSessionTxn.Deserialize(ref reader),
        // Before 3.6 a closeSession txn had no body; newer ones list the ephemerals to delete.
        OpCode.CloseSession when !inMulti =>
            reader.Remaining == 0 ? new CloseSessionTxn([]) : CloseSessionTxn.Deserialize(ref reader),
        _ => throw new JuteException($"unsupported txn type {type}{(inMulti ? " inside a multi" : "")}"),
    };
}
