namespace ZkNet.Client.Multi;

/// <summary>A node's children were listed (multiRead).</summary>
/// <param name="Children">The child names.</param>
public sealed record GetChildrenOpResult(IReadOnlyList<string> Children) : OpResult;
