using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>
/// A server with a JAAS Server section holding the DIGEST-MD5 user bob (and the SASL auth provider for Apache
/// ZooKeeper), plus client JAAS files with the right and a wrong password. <see cref="StartAsync"/> starts more
/// servers with the same login and extra settings.
/// </summary>
public abstract class SaslServerFixture(ServerKind kind) : IAsyncLifetime
{
    public const string User = "bob";
    private ServerProcess? _server;

    public ServerKind Kind { get; } = kind;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "zknet-sasl-" + Guid.NewGuid().ToString("N")[..12]);

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public string GoodClientJaas => Path.Combine(Directory, "client-good.jaas");

    public string BadClientJaas => Path.Combine(Directory, "client-bad.jaas");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await File.WriteAllTextAsync(Path.Combine(Directory, "server.jaas"), """
            Server {
                   org.apache.zookeeper.server.auth.DigestLoginModule required
                   user_super="adminsecret"
                   user_bob="bobsecret";
            };
            """);
        await File.WriteAllTextAsync(GoodClientJaas, ClientJaas("bobsecret"));
        await File.WriteAllTextAsync(BadClientJaas, ClientJaas("wrong"));
        _server = await StartAsync();
    }

    /// <summary>Starts a server of this kind with the Server login and <paramref name="settings"/> as system properties.</summary>
    public Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var properties = new Dictionary<string, string>
        {
            ["java.security.auth.login.config"] = Path.Combine(Directory, "server.jaas"),
            ["zookeeper.authProvider.1"] = "org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            properties[key] = value;
        }
        return ServerProcess.StartAsync(Kind, new ServerStartOptions { SystemProperties = properties });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string ClientJaas(string password) => $$"""
        Client {
               org.apache.zookeeper.server.auth.DigestLoginModule required
               username="{{User}}"
               password="{{password}}";
        };
        """;
}

/// <summary>The fixture on ZkNet.</summary>
public sealed class ZkNetSaslServer() : SaslServerFixture(ServerKind.ZkNet);

/// <summary>The fixture on Apache ZooKeeper 3.8.</summary>
public sealed class ApacheSaslServer() : SaslServerFixture(ServerKind.ApacheZooKeeper);
