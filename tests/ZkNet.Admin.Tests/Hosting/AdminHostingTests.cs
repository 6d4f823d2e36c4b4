using System.Net;
using System.Net.Sockets;
using ZkNet.Admin.Tests.Support;

namespace ZkNet.Admin.Tests.Hosting;

/// <summary>The AdminServer as Hosting starts it: ports, methods, a taken port, shutdown.</summary>
public sealed class AdminHostingTests
{
    [Fact]
    public async Task The_admin_server_binds_a_free_port_when_asked_for_port_0_and_answers_commands()
    {
        await using var server = await InProcessServer.StartAsync();
        var port = server.AdminEndPoint!.Port;
        Assert.NotEqual(0, port);
        var ruok = await AdminHttp.CommandAsync(port, "ruok");
        Assert.Equal("ruok", (string?)ruok["command"]);
        var conf = await AdminHttp.CommandAsync(port, "configuration");
        Assert.Equal(200, (long)conf["tick_time"]!);
    }

    [Fact]
    public async Task Other_methods_than_GET_are_refused_with_405()
    {
        await using var server = await InProcessServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{server.AdminEndPoint!.Port}/commands/ruok"));
        using var response = await AdminHttp.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_taken_admin_port_leaves_the_server_serving_clients_without_it()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var server = await InProcessServer.StartAsync(adminPort: taken);
        Assert.Null(server.AdminEndPoint);
        // srvr: the one word every server answers (the default whitelist).
        Assert.StartsWith("Zookeeper version:", await FourLetterWordAsync(server.ClientEndPoint, "srvr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_port_is_released_when_the_server_stops()
    {
        var server = await InProcessServer.StartAsync();
        var port = server.AdminEndPoint!.Port;
        await server.DisposeAsync();
        using var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
    }

    private static async Task<string> FourLetterWordAsync(IPEndPoint endPoint, string word)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(endPoint, cts.Token);
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(word), cts.Token);
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cts.Token);
    }
}
