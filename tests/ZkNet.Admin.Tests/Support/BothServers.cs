using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// ZkNet and Apache ZooKeeper 3.8 started side by side as processes on free loopback ports, each with the same
/// workload run against it, for the differential tests.
/// </summary>
internal sealed class BothServers : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public ServerProcess ZkNet { get; private set; } = null!;

    public ServerProcess Apache { get; private set; } = null!;

    /// <summary>Starts both (in parallel) with <paramref name="zknet"/> and <paramref name="apache"/> options and runs the workload.</summary>
    public static async Task<BothServers> StartAsync(ServerStartOptions zknet, ServerStartOptions apache)
    {
        var both = new BothServers();
        try
        {
            var zknetTask = ServerProcess.StartAsync(ServerKind.ZkNet, zknet);
            var apacheTask = ServerProcess.StartAsync(ServerKind.ApacheZooKeeper, apache);
            await Task.WhenAll(zknetTask.ContinueWith(_ => { }, TaskScheduler.Default), apacheTask.ContinueWith(_ => { }, TaskScheduler.Default));
            if (zknetTask.IsCompletedSuccessfully)
            {
                both._owned.Add(both.ZkNet = zknetTask.Result);
            }
            if (apacheTask.IsCompletedSuccessfully)
            {
                both._owned.Add(both.Apache = apacheTask.Result);
            }
            await Task.WhenAll(zknetTask, apacheTask);
            both._owned.Add(await Workload.RunAsync(both.ZkNet.ConnectString));
            both._owned.Add(await Workload.RunAsync(both.Apache.ConnectString));
        }
        catch
        {
            await both.DisposeAsync();
            throw;
        }
        return both;
    }

    public async ValueTask DisposeAsync()
    {
        // Clients first, so their sessions close while the servers still run.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
