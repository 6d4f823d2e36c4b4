using System.Text;
using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Crash;

/// <summary>
/// Runs one pipelining client per <see cref="WriterModel"/> against a server until the connection drops: each keeps
/// up to <see cref="Window"/> writes in flight and records every acknowledgement.
/// </summary>
internal static class Writers
{
    public const int Window = 24;

    /// <summary>Starts the writers; the task completes once every writer has lost its connection (the server was killed).</summary>
    public static async Task<Task> StartAsync(IReadOnlyList<WriterModel> models, int port)
    {
        var clients = await Task.WhenAll(models.Select(_ => WireClient.ConnectAsync(port, 4000)));
        return Task.WhenAll(models.Select((model, i) => Task.Run(() => RunAsync(model, clients[i]))));
    }

    /// <summary>Reads a writer's subtree as it is now.</summary>
    public static async Task<Dictionary<string, NodeValue>> ReadSubtreeAsync(WireClient client, string root)
    {
        var children = (await client.GetChildrenAsync(root)).ReadOk<GetChildren2Response>("getChildren " + root).Children;
        var replies = await Task.WhenAll(children.Select(c => client.GetDataAsync($"{root}/{c}")));
        var result = new Dictionary<string, NodeValue>();
        for (var i = 0; i < children.Count; i++)
        {
            var data = replies[i].ReadOk<GetDataResponse>("getData");
            result[$"{root}/{children[i]}"] = new NodeValue(Encoding.UTF8.GetString(data.Data ?? []), data.Stat.Version);
        }
        return result;
    }

    private static async Task RunAsync(WriterModel model, WireClient client)
    {
        await using var owned = client;
        using var window = new SemaphoreSlim(Window);
        var inFlight = new List<Task>();
        while (!client.Closed.IsCompleted)
        {
            if (!await window.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"{model.Root}: no reply for 30 s with the server running");
            }
            var op = model.Next();
            inFlight.Add(SendAsync(model, client, op, window));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private static async Task SendAsync(WriterModel model, WireClient client, WriteOp op, SemaphoreSlim window)
    {
        try
        {
            var reply = await client.CallAsync(op.Code, op.Request);
            if (reply.Err != ErrorCode.Ok)
            {
                // The model only sends writes that succeed; anything else means the server lost or reordered state.
                throw new InvalidOperationException($"{op.Description} failed with {reply.Err}");
            }
            model.Acknowledge(op);
        }
        catch (ConnectionLostException)
        {
            // Not acknowledged: it may or may not have been applied.
        }
        finally
        {
            window.Release();
        }
    }
}
