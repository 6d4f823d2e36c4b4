using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Admin.Tests.Support;

/// <summary>In-process servers (through Hosting, as the executable starts them) on free loopback ports.</summary>
internal static class InProcessServer
{
    /// <summary>An in-memory server with its AdminServer on a free loopback port (and Prometheus when asked).</summary>
    public static Task<ZkNetServer> StartAsync(bool prometheus = false, int adminPort = 0) => ZkNetServer.StartAsync(new ServerConfig
    {
        ClientPort = 0,
        InMemory = true,
        TickTime = 200,
        Admin = new AdminServerOptions { Enabled = true, Address = "127.0.0.1", Port = adminPort },
        MetricsProvider = prometheus
            ? new MetricsProviderOptions { ClassName = MetricsProviderOptions.PrometheusClassName, HttpHost = "127.0.0.1", HttpPort = 0 }
            : new MetricsProviderOptions(),
    });
}
