namespace ZkNet.Durability.Tests.Crash;

/// <summary>A writer's node: its unique value and its data version.</summary>
internal readonly record struct NodeValue(string Value, int Version);
