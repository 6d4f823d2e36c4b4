namespace ZkNet.Recipes.Atomic;

/// <summary>A value together with the node version it was read at (Curator's VersionedValue); -1 when the node did not exist.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Version">The node's data version when read, or -1 when absent.</param>
/// <param name="Value">The value.</param>
public readonly record struct VersionedValue<T>(int Version, T Value);
