using System.Diagnostics;
using System.Globalization;
using ZkNet.Client;
using ZkNet.Protocol.Records;

namespace ZkNet.Benchmarks;

/// <summary>
/// Pipelined getData from one ZkNet.Client connection: <c>--window</c> requests kept in flight, <c>--ops</c>
/// measured after a warm-up. Java/ClientThroughput.java does the same with the Java client, so the two clients
/// can be compared on the same server.
/// </summary>
internal static class ClientThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = Option(args, "--server") ?? "127.0.0.1:2181";
        var ops = int.Parse(Option(args, "--ops") ?? "200000", CultureInfo.InvariantCulture);
        var window = int.Parse(Option(args, "--window") ?? "256", CultureInfo.InvariantCulture);
        await using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = server });
        const string path = "/bench-throughput";
        if (await client.ExistsAsync(path) is null)
        {
            await client.CreateAsync(path, new byte[100], Acl.OpenAclUnsafe);
        }
        await RunWindowAsync(client, path, ops / 4, window);
        var watch = Stopwatch.StartNew();
        await RunWindowAsync(client, path, ops, window);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"zknet-client getData ops={ops} window={window} seconds={watch.Elapsed.TotalSeconds:F2} ops/s={ops / watch.Elapsed.TotalSeconds:F0}"));
        return 0;
    }

    private static async Task RunWindowAsync(ZooKeeperClient client, string path, int ops, int window)
    {
        var started = 0;
        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref started) <= ops)
            {
                await client.GetDataAsync(path).ConfigureAwait(false);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => WorkerAsync()));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
