using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Txn;

/// <summary>
/// Applies logged txns during recovery: tree changes through <see cref="DataTree.DataTree.ProcessTxn"/> (idempotent,
/// so replaying txns already reflected in a fuzzy snapshot is harmless) and session births and deaths to the
/// session table.
/// </summary>
public static class TxnReplayer
{
    /// <summary>Applies one txn.</summary>
    public static void Apply(DataTree.DataTree tree, IDictionary<long, int> sessions, TxnHeader header, IJuteRecord body)
    {
        switch ((OpCode)header.Type)
        {
            case OpCode.CreateSession when body is CreateSessionTxn create:
                sessions[header.ClientId] = create.TimeOut;
                break;
            case OpCode.CloseSession:
                sessions.Remove(header.ClientId);
                break;
            default:
                break;
        }
        tree.ProcessTxn(header, body);
    }
}
