using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>One TLS server per test class (clientAuth need, the admin certificate as x509 super user), killed at the end.</summary>
public abstract class SecureServerFixture(ServerKind kind) : IAsyncLifetime
{
    private ServerProcess? _server;

    public ServerKind Kind { get; } = kind;

    public TestCertificates Certificates { get; private set; } = null!;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public int SecurePort { get; private set; }

    public async Task InitializeAsync()
    {
        Certificates = await TestCertificates.GetAsync();
        (_server, SecurePort) = await SecureServer.StartAsync(Kind, Certificates);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The fixture on ZkNet.</summary>
public sealed class ZkNetSecureServer() : SecureServerFixture(ServerKind.ZkNet);

/// <summary>The fixture on Apache ZooKeeper 3.8.</summary>
public sealed class ApacheSecureServer() : SecureServerFixture(ServerKind.ApacheZooKeeper);
