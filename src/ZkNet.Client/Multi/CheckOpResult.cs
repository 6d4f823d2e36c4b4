namespace ZkNet.Client.Multi;

/// <summary>A version check passed.</summary>
public sealed record CheckOpResult : OpResult;
