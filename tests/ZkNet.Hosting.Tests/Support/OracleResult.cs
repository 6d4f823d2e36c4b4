namespace ZkNet.Hosting.Tests.Support;

/// <summary>What Apache ZooKeeper made of one zoo.cfg: the error that stopped it, or the values it settled on.</summary>
/// <param name="Error">The exception chain when ZooKeeper refused the file, else null.</param>
/// <param name="Values">name and value pairs printed by ZooCfgOracle.java (sysprop.* for the system properties it set).</param>
internal sealed record OracleResult(string? Error, IReadOnlyDictionary<string, string> Values);
