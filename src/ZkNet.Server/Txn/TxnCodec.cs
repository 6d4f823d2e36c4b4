using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Txn;

/// <summary>Maps a txn type to its record, as ZooKeeper's SerializeUtils.deserializeTxn does.</summary>
public static class TxnCodec
{
    /// <summary>Decodes the record of a txn of <paramref name="type"/>.</summary>
    public static IJuteRecord DecodeBody(int type, ReadOnlySpan<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        return DecodeBody(type, ref reader);
    }

    /// <summary>Decodes the record of a txn of <paramref name="type"/> from a reader.</summary>
    public static IJuteRecord DecodeBody(int type, ref JuteReader reader)
    {
        switch ((OpCode)type)
        {
            case OpCode.Create:
            case OpCode.Create2:
                return CreateTxn.Deserialize(ref reader);
            case OpCode.CreateContainer:
                return CreateContainerTxn.Deserialize(ref reader);
            case OpCode.CreateTtl:
                return CreateTtlTxn.Deserialize(ref reader);
            case OpCode.Delete:
            case OpCode.DeleteContainer:
                return DeleteTxn.Deserialize(ref reader);
            case OpCode.SetData:
                return SetDataTxn.Deserialize(ref reader);
            case OpCode.SetAcl:
                return SetAclTxn.Deserialize(ref reader);
            case OpCode.Check:
                return CheckVersionTxn.Deserialize(ref reader);
            case OpCode.Multi:
                return MultiOps.FromMultiTxn(MultiTxn.Deserialize(ref reader));
            case OpCode.CreateSession:
                return CreateSessionTxn.Deserialize(ref reader);
            case OpCode.CloseSession:
                // Before 3.6 a closeSession txn had no body; newer ones list the ephemerals to delete.
                return reader.Remaining == 0 ? new CloseSessionTxn([]) : CloseSessionTxn.Deserialize(ref reader);
            case OpCode.Error:
                return ErrorTxn.Deserialize(ref reader);
            default:
                throw new JuteException($"unknown txn type {type}");
        }
    }
}
