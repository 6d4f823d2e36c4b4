using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>A node's data was set.</summary>
/// <param name="Stat">The node's new Stat.</param>
public sealed record SetDataOpResult(Stat Stat) : OpResult;
