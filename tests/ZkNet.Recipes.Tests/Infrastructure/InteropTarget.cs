using ZkNet.Client;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// The server a Curator interop scenario runs against (ZkNet in Interop/, Apache ZooKeeper in Differential/): its
/// connect string for the Java driver, and a way to open .NET clients on it that the test closes afterwards.
/// </summary>
public sealed record InteropTarget(string ConnectString, Func<Task<ZooKeeperClient>> ConnectAsync)
{
    /// <summary>Stops the drivers a scenario starts (see <see cref="CuratorDriver.StoppingDriversAsync"/>).</summary>
    public CancellationToken StopDrivers { get; init; }
}
