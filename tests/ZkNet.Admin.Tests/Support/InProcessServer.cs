using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Admin.Tests.Support;

/// <summary>In-process servers (through Hosting, as the executable starts them) on free loopback ports.</summary>
internal static class InProcessServer
{
    /// <summary>An in-memory server with its AdminServer on a free loopback port (and Prometheus when asked).</summary>
    public static Task<ZkNetServer> StartAsync(bool prometheus = false, int adminPort = 0) => ZkNetServer.StartAsync(Config(prometheus, adminPort));

    /// <summary>The same server with its configuration changed by <paramref name="configure"/> (admin options, data dir).</summary>
    public static Task<ZkNetServer> StartAsync(Func<ServerConfig, ServerConfig> configure) => ZkNetServer.StartAsync(configure(Config(false, 0)));

    private static ServerConfig Config(bool prometheus, int adminPort) => new()
    {
        ClientPort = 0,
        InMemory = true,
        TickTime = 200,
        Admin = new AdminServerOptions { Enabled = true, Address = "127.0.0.1", Port = adminPort },
        MetricsProvider = prometheus
            ? new MetricsProviderOptions { ClassName = MetricsProviderOptions.PrometheusClassName, HttpHost = "127.0.0.1", HttpPort = 0 }
            : new MetricsProviderOptions(),
    };
}
