using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>A node's children and its own Stat, as getChildren2 returns them.</summary>
/// <param name="Children">The child names (not paths), in the server's order.</param>
/// <param name="Stat">The parent's Stat.</param>
public sealed record ChildrenResult(IReadOnlyList<string> Children, Stat Stat);
