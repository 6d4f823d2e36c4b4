using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// Both servers, with their AdminServers on free loopback ports, started once for a test class (starting a JVM per
/// test would cost minutes), after the same <see cref="Workload"/>.
/// </summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    private BothServers? _servers;

    /// <summary>ZkNet's AdminServer port.</summary>
    public int ZkNetAdminPort { get; } = FreePort.Next();

    /// <summary>Apache ZooKeeper's AdminServer port.</summary>
    public int ApacheAdminPort { get; } = FreePort.Next();

    /// <summary>The ZkNet process.</summary>
    public ServerProcess ZkNet => _servers!.ZkNet;

    /// <summary>The Apache ZooKeeper process.</summary>
    public ServerProcess Apache => _servers!.Apache;

    public async Task InitializeAsync() =>
        _servers = await BothServers.StartAsync(AdminHttp.WithAdmin(ZkNetAdminPort), AdminHttp.WithAdmin(ApacheAdminPort, AdminHttp.ApacheClassPath));

    public async Task DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
