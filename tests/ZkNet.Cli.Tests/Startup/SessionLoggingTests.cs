using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ZkNet.Cli.Tests.Shell;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Startup;

/// <summary>
/// Sessions in the server log as ZooKeeper words them, at Information with named events: established (session id,
/// negotiated timeout, client address) and closed, telling a client that closed its session from one that dropped
/// its connection (the session then waits for expiry); four-letter-word connections stay out of the default log.
/// </summary>
public sealed class SessionLoggingTests
{
    [Fact]
    public async Task Session_establishment_and_close_are_logged_with_id_address_and_timeout()
    {
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet);

        // zknet cli one-shot closes its session when done.
        var cli = await CliRunner.ZkNetAsync(server.ConnectString, null, "-timeout", "12000", "ls", "/");
        Assert.Equal(0, cli.ExitCode);
        var closed = await WaitForLineAsync(server, @"INFO  ZkNetServer \[SessionClosed\]: Closed socket connection for client 127\.0\.0\.1:[0-9]+ which had sessionid 0x([0-9a-f]+): the client closed the session");
        var sessionId = closed.Groups[1].Value;
        Assert.Matches($@"(?m)^[0-9-]+ [0-9:.]+ INFO  ZkNetServer \[SessionEstablished\]: Established session 0x{sessionId} with negotiated timeout 12000 for client 127\.0\.0\.1:[0-9]+$", server.Output);

        // A client that drops its connection without closeSession: the session lives on until it expires.
        var (dropped, localPort) = await ConnectAndDropAsync(server.Port, timeoutMs: 6000);
        await WaitForLineAsync(server, $@"INFO  ZkNetServer \[SessionDisconnected\]: Closed socket connection for client 127\.0\.0\.1:{localPort} which had sessionid 0x{dropped:x}: the session lives until it expires \(6000 ms\) unless the client reconnects");
        Assert.Contains($"[SessionEstablished]: Established session 0x{dropped:x} with negotiated timeout 6000 for client 127.0.0.1:{localPort}", server.Output, StringComparison.Ordinal);

        // srvr polling (ServerProcess's start-up wait did it) logs nothing at the default level.
        Assert.DoesNotContain("no session established", server.Output, StringComparison.Ordinal);
    }

    private static async Task<Match> WaitForLineAsync(ServerProcess server, string pattern)
    {
        var regex = new Regex("(?m)^[0-9-]+ [0-9:.]+ " + pattern + "$");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (regex.Match(server.Output) is { Success: true } match)
            {
                return match;
            }
            // The server's output arrives line by line on its own; poll it, bounded.
            await Task.Delay(50);
        }
        throw new TimeoutException($"no log line matching {pattern}:\n{server.Output}");
    }

    /// <summary>Completes a handshake on a bare socket, then closes the socket without closeSession.</summary>
    private static async Task<(long SessionId, int LocalPort)> ConnectAndDropAsync(int port, int timeoutMs)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), cts.Token);
        using (var buffer = new FrameBuffer(128))
        {
            var mark = buffer.BeginFrame();
            new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false).Serialize(new JuteWriter(buffer));
            buffer.EndFrame(mark);
            await socket.SendAsync(buffer.ToArray(), SocketFlags.None, cts.Token);
        }
        var length = new byte[4];
        await ReadExactlyAsync(socket, length, cts.Token);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        await ReadExactlyAsync(socket, body, cts.Token);
        var reader = new JuteReader(body);
        var response = ConnectResponse.Deserialize(ref reader);
        var localPort = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        socket.Close();
        return (response.SessionId, localPort);
    }

    private static async Task ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("the server closed the connection during the handshake");
            }
            read += n;
        }
    }
}
