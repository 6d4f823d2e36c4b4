using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>A node was created.</summary>
/// <param name="Path">The actual path (with the sequence suffix, if any), relative to the chroot.</param>
/// <param name="Stat">The new node's Stat (null when the server answers with a plain create result, as ZooKeeper 3.8 does).</param>
public sealed record CreateOpResult(string Path, Stat? Stat) : OpResult;
