using System.Net.Sockets;
using System.Text;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Distribution;

/// <summary>
/// <c>Type=notify</c>: the server tells $NOTIFY_SOCKET READY=1 once it serves and STOPPING=1 when SIGTERM stops it,
/// received here on a Unix datagram socket of the test's own, as systemd receives them.
/// </summary>
public sealed class SystemdNotifyTests
{
    [Fact]
    public async Task Server_sends_ready_once_it_serves_and_stopping_on_sigterm()
    {
        using var dir = new TempDir();
        using var systemd = NotifySocket(dir, out var path);
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions
        {
            WaitUntilServing = false,
            Environment = new Dictionary<string, string> { [SystemdNotify.SocketEnvironment] = path },
        });

        var ready = await ReceiveAsync(systemd, server);
        // Sent only once the port answers and the database is loaded: srvr reports a mode at once.
        var srvr = await server.FourLetterWordAsync("srvr", TimeSpan.FromSeconds(10));
        Assert.Contains("READY=1\n", ready, StringComparison.Ordinal);
        Assert.Contains($"STATUS=serving clients on {server.ConnectString}\n", ready, StringComparison.Ordinal);
        Assert.Contains($"MAINPID={server.ProcessId}\n", ready, StringComparison.Ordinal);
        Assert.Contains("Mode: standalone", srvr, StringComparison.Ordinal);

        var kill = await ExternalProcess.RunAsync("kill", ["-TERM", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
        var stopping = await ReceiveAsync(systemd, server);
        Assert.StartsWith("STOPPING=1\n", stopping, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Server_that_cannot_start_never_says_ready()
    {
        using var dir = new TempDir();
        using var systemd = NotifySocket(dir, out var path);
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        taken.Listen();
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions
        {
            WaitUntilServing = false,
            Port = ((System.Net.IPEndPoint)taken.LocalEndPoint!).Port,
            Environment = new Dictionary<string, string> { [SystemdNotify.SocketEnvironment] = path },
        });

        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        // The process has exited: anything it sent is already queued on the socket.
        Assert.Equal(0, systemd.Available);
    }

    [Fact]
    public async Task Notify_socket_starting_with_at_is_an_abstract_socket()
    {
        var name = "zknet-test-" + Guid.NewGuid().ToString("N");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));

        SystemdNotify.For("@" + name).Ready("testing");

        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var count = await systemd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.StartsWith("READY=1\nSTATUS=testing\n", Encoding.UTF8.GetString(buffer, 0, count), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vsock:2:1234")]
    [InlineData("relative.sock")]
    [InlineData("")]
    [InlineData(null)]
    public void Without_a_usable_notify_socket_nothing_is_sent(string? value)
    {
        Assert.False(SystemdNotify.For(value).Enabled);
    }

    /// <summary>The socket systemd would listen on, bound in <paramref name="dir"/>.</summary>
    private static Socket NotifySocket(TempDir dir, out string path)
    {
        path = dir.Combine("notify.sock");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static async Task<string> ReceiveAsync(Socket socket, ServerProcess server)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, count);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no notification within 60 s\n" + server.Output);
        }
    }
}
