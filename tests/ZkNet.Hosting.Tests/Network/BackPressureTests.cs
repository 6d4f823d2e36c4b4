using System.Net.Sockets;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Tests.Pipeline;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>
/// A client that pipelines requests and never reads: the server stops reading it, keeps serving the others, and
/// closes it when its session expires even though the close cannot be written behind the unread replies.
/// Real sockets; the session clock is virtual.
/// </summary>
public sealed class BackPressureTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(
            new ServerConfig { MaxClientCnxns = 0, MaxQueuedOutputBytesPerConnection = 64 * 1024, MaxOutstandingRequestsPerConnection = 100 }, _time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_that_never_reads_is_stopped_and_closed_when_its_session_expires()
    {
        using var bystander = await RawClient.ConnectAsync(_server.ClientEndPoint);
        using var flooder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await flooder.ConnectAsync(_server.ClientEndPoint);
        await flooder.SendAsync(RawClient.Frame(new ConnectRequest(0, 0, 4000, 0, new byte[16], false)), SocketFlags.None);

        var sent = await RawClient.FloodUntilBlockedAsync(flooder);

        // TCP stopped the flooder (an unthrottled server reads on and the flood ran into its 20 s limit instead).
        Assert.True(sent > 0);
        Assert.Equal(0, (await bystander.CallAsync(OpCode.Exists, new ExistsRequest("/", false))).Header.Err);

        // Past the flooder's session timeout: the expiry closes the connection at once, since the close could never
        // be written behind replies its client does not read. The flooder's last requests may still be read after the
        // first advance (on a busy machine the reader pauses a little later than the client's send stalls), touching
        // its session; so advance again, a bounded number of times, until the session has really gone quiet.
        var reset = false;
        for (var attempt = 0; attempt < 10 && !reset; attempt++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            reset = await ResetByServerAsync(flooder, TimeSpan.FromSeconds(1));
        }
        Assert.True(reset, $"still open; sessions {_server.Core.Sessions.Count}, connections {_server.Core.Connections!.Snapshot().Count}");
    }

    /// <summary>
    /// Whether the server drops the connection within <paramref name="timeout"/>, seen without reading (reading would
    /// let the server's writer through): the server closes with unread bytes, so its kernel resets the connection and
    /// a send fails; while the server keeps it open, a send stays blocked.
    /// </summary>
    private static async Task<bool> ResetByServerAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var bytes = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await socket.SendAsync(bytes, SocketFlags.None, cts.Token);
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
