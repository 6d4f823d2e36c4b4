namespace ZkNet.Quorum.Zab;

/// <summary>A txn as ZAB moves it: its zxid and its serialized bytes (TxnHeader, txn record, optional digest).</summary>
/// <param name="Zxid">The txn's zxid.</param>
/// <param name="Data">The PROPOSAL data, exactly as logged.</param>
public sealed record ZabTxn(long Zxid, byte[] Data);
