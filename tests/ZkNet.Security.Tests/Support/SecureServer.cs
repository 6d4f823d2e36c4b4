using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>
/// Starts ZkNet or Apache ZooKeeper 3.8 with TLS on a secure client port, configured with the same ZooKeeper keys
/// (Apache ZooKeeper on its Netty connection factory, which TLS needs, with Debian's netty jars).
/// </summary>
public static class SecureServer
{
    /// <summary>The netty jars the zookeeper jar's manifest leaves out but its Netty factory and client need.</summary>
    public static readonly IReadOnlyList<string> NettyJars =
    [
        "/usr/share/java/netty-codec.jar", "/usr/share/java/netty-resolver.jar", "/usr/share/java/netty-transport-native-unix-common.jar",
    ];

    /// <summary>
    /// A server whose secure port uses the CA-signed server certificate and trusts the CA; <paramref name="settings"/>
    /// adds or replaces system-property settings (zookeeper.ssl.clientAuth...). The plain clientPort stays open.
    /// </summary>
    public static async Task<(ServerProcess Server, int SecurePort)> StartAsync(ServerKind kind, TestCertificates certs,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? config = null)
    {
        var securePort = FreePort.Next();
        var properties = new Dictionary<string, string>
        {
            ["zookeeper.serverCnxnFactory"] = "org.apache.zookeeper.server.NettyServerCnxnFactory",
            ["zookeeper.ssl.keyStore.location"] = certs.Path("server.p12"),
            ["zookeeper.ssl.keyStore.password"] = TestCertificates.Password,
            ["zookeeper.ssl.trustStore.location"] = certs.Path("trust.p12"),
            ["zookeeper.ssl.trustStore.password"] = TestCertificates.Password,
            ["zookeeper.authProvider.x509"] = "org.apache.zookeeper.server.auth.X509AuthenticationProvider",
            ["zookeeper.X509AuthenticationProvider.superUser"] = TestCertificates.AdminSubject,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            properties[key] = value;
        }
        var cfg = new Dictionary<string, string>
        {
            ["secureClientPort"] = securePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["secureClientPortAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in config ?? new Dictionary<string, string>())
        {
            cfg[key] = value;
        }
        var server = await ServerProcess.StartAsync(kind, new ServerStartOptions
        {
            Config = cfg,
            SystemProperties = properties,
            ExtraClassPath = NettyJars,
        });
        return (server, securePort);
    }
}
