using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>Starts an in-process ZkNet on a free loopback port, in memory.</summary>
internal static class TestServer
{
    public static Task<ZkNetServer> StartAsync(ServerConfig? config = null) =>
        ZkNetServer.StartAsync((config ?? new ServerConfig()) with { ClientPort = 0, ClientPortAddress = "127.0.0.1", InMemory = true });

    /// <summary>The same, on the clock <paramref name="time"/> (virtual time in tests).</summary>
    public static Task<ZkNetServer> StartAsync(ServerConfig config, TimeProvider time) =>
        ZkNetServer.StartAsync(config with { ClientPort = 0, ClientPortAddress = "127.0.0.1", InMemory = true }, NullLoggerFactory.Instance,
            wrapTxnLog: null, time);
}
