using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>A node's data and Stat, as getData returns them.</summary>
/// <param name="Data">The data; empty when the node has none (ZooKeeper does not distinguish null from empty here).</param>
/// <param name="Stat">The node's Stat.</param>
public sealed record DataResult(byte[] Data, Stat Stat);
