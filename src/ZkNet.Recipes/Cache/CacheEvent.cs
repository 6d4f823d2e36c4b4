namespace ZkNet.Recipes.Cache;

/// <summary>One change seen by a <see cref="TreeCache"/>.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Path">The node's path (null for <see cref="CacheEventType.Initialized"/>).</param>
/// <param name="Data">The node's data and Stat after the change; before it for <see cref="CacheEventType.Deleted"/>; null for Initialized.</param>
public sealed record CacheEvent(CacheEventType Type, string? Path, Client.DataResult? Data);
