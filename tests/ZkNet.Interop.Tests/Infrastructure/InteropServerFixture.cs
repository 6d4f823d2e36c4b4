using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// One server process for a whole test class (an xunit class fixture), started with <see cref="InteropConfig"/>
/// and killed when the class is done. Subclasses only choose the implementation.
/// </summary>
public abstract class InteropServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    /// <summary>Creates the fixture for one implementation.</summary>
    protected InteropServerFixture(ServerKind kind) => Kind = kind;

    /// <summary>Which implementation this fixture runs.</summary>
    public ServerKind Kind { get; }

    /// <summary>System properties on top of <see cref="InteropConfig.SystemProperties"/> (a fixture variant's own settings).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSystemProperties { get; } = new Dictionary<string, string>();

    /// <summary>The running server.</summary>
    public ServerProcess Server => _server ?? throw new InvalidOperationException($"{Kind} server is not running");

    /// <summary>host:port for the clients.</summary>
    public string ConnectString => Server.ConnectString;

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port => Server.Port;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var systemProperties = new Dictionary<string, string>(InteropConfig.SystemProperties);
        foreach (var (key, value) in ExtraSystemProperties)
        {
            systemProperties[key] = value;
        }
        _server = await ServerProcess.StartAsync(Kind, InteropConfig.Settings, TimeSpan.FromSeconds(30), systemProperties);
        await WaitForSessionsAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Apache ZooKeeper answers ruok with imok a moment before its ZooKeeperServer runs, and meanwhile closes
    /// client connections ("ZooKeeperServer not running"); so wait (bounded) until a session handshake succeeds.
    /// </summary>
    private async Task WaitForSessionsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var probe = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
                await probe.RequestAsync(ZkNet.Protocol.OpCode.CloseSession);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
