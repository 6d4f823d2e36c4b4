namespace ZkNet.Client.Multi;

/// <summary>A node was deleted.</summary>
public sealed record DeleteOpResult : OpResult;
