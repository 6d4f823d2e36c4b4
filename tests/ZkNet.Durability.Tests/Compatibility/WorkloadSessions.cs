namespace ZkNet.Durability.Tests.Compatibility;

/// <summary>The sessions a workload run leaves: one open (with an ephemeral), one closed.</summary>
internal sealed record WorkloadSessions(long Open, byte[] Password, long Closed);
