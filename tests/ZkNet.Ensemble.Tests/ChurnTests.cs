using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Leaders stopped and restarted while clients keep writing: a returning leader may have logged proposals nobody
/// else has (the new leader then truncates them or sends a snapshot), or be behind by a new epoch. Whatever the
/// sync, every acknowledged write is on every member at the end, and the members agree on the whole tree.
/// </summary>
public sealed class ChurnTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(3);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task Leaders_replaced_under_load_lose_no_acknowledged_write_and_the_members_agree()
    {
        await _ensemble.WaitForQuorumAsync();
        await using var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectString, TimeSpan.FromSeconds(10));
        await client.CreateAsync("/acked", null, Acl.OpenAclUnsafe);
        var acked = new AcknowledgedWrites();
        using var stop = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var writers = Enumerable.Range(0, 3).Select(w => WriteAsync(client, $"/acked/w{w}-", acked, stop.Token, deadline.Token)).ToList();

        for (var round = 1; round <= 5; round++)
        {
            await acked.Reached(round * 60).WaitAsync(deadline.Token);
            var leader = await _ensemble.WaitForQuorumAsync();
            await _ensemble.StopAsync(leader);
            await acked.Reached((round * 60) + 30).WaitAsync(deadline.Token);
            await _ensemble.StartAsync(leader);
        }
        await acked.Reached(360).WaitAsync(deadline.Token);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await _ensemble.WaitForQuorumAsync();

        List<string>? first = null;
        foreach (var id in _ensemble.Ids)
        {
            await using var reader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/acked");
            var children = (await reader.GetChildrenAsync("/acked")).Order(StringComparer.Ordinal).ToList();
            var missing = acked.Paths.Where(p => !children.Contains(p["/acked/".Length..])).ToList();
            Assert.True(missing.Count == 0, $"member {id} lacks {missing.Count} acknowledged writes: {string.Join(", ", missing.Take(5))}");
            first ??= children;
            Assert.Equal(first, children);
        }
    }

    private static async Task WriteAsync(Client.ZooKeeperClient client, string prefix, AcknowledgedWrites acked, CancellationToken stop, CancellationToken deadline)
    {
        while (!stop.IsCancellationRequested)
        {
            deadline.ThrowIfCancellationRequested();
            try
            {
                acked.Add(await client.CreateAsync(prefix, null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential, cancellationToken: deadline));
            }
            catch (KeeperException ex) when (ex is ConnectionLossException or OperationTimeoutException)
            {
                // Not acknowledged: not counted. The client finds the next member on its own.
                await Task.Delay(50, deadline);
            }
        }
    }
}
