using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>A node's data was read (multiRead).</summary>
/// <param name="Data">The data (empty when the node has none).</param>
/// <param name="Stat">The node's Stat.</param>
public sealed record GetDataOpResult(byte[] Data, Stat Stat) : OpResult;
