namespace ZkNet.Durability.Tests.Support;

/// <summary>
/// Every test here is bounded as a whole too (its own waits are bounded, but a hang in a server or a process must
/// fail one test, not stall the run).
/// </summary>
internal static class TestTimeouts
{
    /// <summary>Far above the slowest test (about 20 s on a busy 2-core machine).</summary>
    public const int Test = 180_000;
}
