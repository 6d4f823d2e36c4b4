using System.Net.Sockets;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Tests.Pipeline;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>
/// A connection that has not sent its whole ConnectRequest within nio.sessionlessCnxnTimeout of being accepted is
/// closed; one that handshook stays. Real sockets, virtual time: the deadline moves only when the test says so.
/// </summary>
public sealed class HandshakeDeadlineTests : IAsyncLifetime
{
    private const int TimeoutMs = 10_000;
    private readonly ManualTimeProvider _time = new();
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(new ServerConfig { MaxClientCnxns = 0, SessionlessCnxnTimeout = TimeoutMs }, _time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Opens the given raw connections, then a handshaking one: the accept loop takes connections in order, so once
    /// the last has its ConnectResponse every earlier one has been accepted and its deadline armed.
    /// </summary>
    private async Task<RawClient> AcceptedAfterAsync()
    {
        var session = await RawClient.ConnectAsync(_server.ClientEndPoint);
        Assert.NotNull(session.Session);
        return session;
    }

    private static byte[] ConnectFrame() => RawClient.Frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false));

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_at_the_deadline_and_not_before()
    {
        using var silent = await RawClient.OpenAsync(_server.ClientEndPoint);
        using var late = await RawClient.OpenAsync(_server.ClientEndPoint);
        using var session = await AcceptedAfterAsync();

        _time.Advance(TimeSpan.FromMilliseconds(TimeoutMs - 1));
        // Still open one millisecond before: it may complete its handshake.
        await late.SendAsync(ConnectFrame());
        Assert.NotNull(await late.ReadFrameAsync());
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await silent.IsClosedByServerAsync());
        // The deadline is only for the handshake: sessions are untouched.
        Assert.Equal(0, (await session.CallAsync(OpCode.Exists, new ExistsRequest("/", false))).Header.Err);
        Assert.Equal(0, (await late.CallAsync(OpCode.Exists, new ExistsRequest("/", false))).Header.Err);
    }

    [Fact]
    public async Task A_half_sent_ConnectRequest_is_closed_at_the_deadline()
    {
        using var halfOpen = await RawClient.OpenAsync(_server.ClientEndPoint);
        var frame = ConnectFrame();
        await halfOpen.SendAsync(frame.AsMemory(0, frame.Length / 2));
        using var session = await AcceptedAfterAsync();

        _time.Advance(TimeSpan.FromMilliseconds(TimeoutMs));

        Assert.True(await halfOpen.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Zero_disables_the_deadline()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(new ServerConfig { SessionlessCnxnTimeout = 0 }, time);
        using var silent = await RawClient.OpenAsync(server.ClientEndPoint);
        using var session = await RawClient.ConnectAsync(server.ClientEndPoint);

        time.Advance(TimeSpan.FromMinutes(10));

        await silent.SendAsync(ConnectFrame());
        Assert.NotNull(await silent.ReadFrameAsync());
    }
}
