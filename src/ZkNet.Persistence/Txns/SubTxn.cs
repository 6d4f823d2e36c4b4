using ZkNet.Protocol.Jute;

namespace ZkNet.Persistence.Txns;

/// <summary>One decoded operation of a logged multi: its type and its txn record.</summary>
/// <param name="Type">An <see cref="ZkNet.Protocol.OpCode"/> value: create, create2, createContainer, createTTL,
/// delete, deleteContainer, setData, check or error.</param>
/// <param name="Record">The record for that type (CreateTxn, DeleteTxn, SetDataTxn, CheckVersionTxn, ErrorTxn, ...).</param>
public sealed record SubTxn(int Type, IJuteRecord Record);
