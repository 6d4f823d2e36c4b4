using ZkNet.Hosting.Tests.Support;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Runs every differential case through Apache ZooKeeper once per test class, in a scratch working directory.</summary>
public sealed class OracleFixture : IAsyncLifetime
{
    /// <summary>The JVM's working directory, and the base directory ZooCfgParser resolves against.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "zknet-cfg-" + Guid.NewGuid().ToString("N")[..10]);

    internal Dictionary<string, OracleResult> Results { get; private set; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Results = await ZooKeeperConfigOracle.ParseAsync(DifferentialCases.All.Select(c => (c.Key, c.Value)).ToList(), Directory);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
