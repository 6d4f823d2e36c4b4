using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Support;

/// <summary>Waits until a started server has loaded its database: ZooKeeper answers ruok before that, srvr does not.</summary>
public static class Serving
{
    public static async Task WaitAsync(ServerProcess server, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await server.FourLetterWordAsync("srvr", TimeSpan.FromSeconds(5));
                if (last.Contains("Mode:", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{server.Kind} did not start serving: {last}\n{server.Output}");
    }
}
