using ZkNet.Persistence.Txns;

namespace ZkNet.Durability.Tests.Support;

/// <summary>Where one logged txn lies.</summary>
internal sealed record LoggedRecord(string File, long Offset, int Length, TxnLogEntry Entry)
{
    public long End => Offset + Length;
}
