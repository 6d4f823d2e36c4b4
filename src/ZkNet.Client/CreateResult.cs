using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>A created node's actual path and Stat, as create2 returns them.</summary>
/// <param name="Path">The path, with the sequence suffix for sequential modes, relative to the chroot.</param>
/// <param name="Stat">The new node's Stat.</param>
public sealed record CreateResult(string Path, Stat Stat);
