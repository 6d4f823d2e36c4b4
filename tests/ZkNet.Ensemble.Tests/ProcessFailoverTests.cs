using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Real `zknet server` processes on loopback: a leader killed (SIGKILL) while clients write loses no write it
/// acknowledged, a paused leader (SIGSTOP) is replaced and, resumed, rejoins as a follower that agrees with the others.
/// </summary>
public sealed class ProcessFailoverTests
{
    [Fact]
    public async Task Killing_the_leader_while_clients_write_loses_no_acknowledged_write()
    {
        await using var ensemble = new ProcessEnsemble(ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        await using var client = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString);
        await client.CreateAsync("/acked", null, Acl.OpenAclUnsafe);

        var acked = new AcknowledgedWrites();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var writers = Enumerable.Range(0, 4).Select(w => WriteUntilAsync(client, $"/acked/w{w}-", acked, 300, deadline.Token)).ToList();
        await acked.Reached(100).WaitAsync(deadline.Token);
        await ensemble.KillAsync(leader);
        await Task.WhenAll(writers);

        var survivors = ensemble.Running.ToList();
        await ensemble.WaitForQuorumAsync();
        foreach (var id in survivors)
        {
            await AssertHoldsAsync(ensemble, id, acked);
        }
        await ensemble.StartAsync(leader);
        await ensemble.WaitForQuorumAsync();
        await AssertHoldsAsync(ensemble, leader, acked);
    }

    [Fact]
    public async Task A_paused_leader_is_replaced_and_rejoins_as_a_follower_when_it_resumes()
    {
        await using var ensemble = new ProcessEnsemble(ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var others = ensemble.Ids.Where(id => id != leader).ToList();

        await ensemble.SignalAsync(leader, "STOP");
        var newLeader = await ensemble.WaitForQuorumAsync(others);
        await using (var client = await ProcessEnsemble.ConnectAsync(string.Join(",", others.Select(ensemble.ConnectStringOf))))
        {
            await client.CreateAsync("/while-paused", null, Acl.OpenAclUnsafe);
        }
        await ensemble.SignalAsync(leader, "CONT");

        Assert.Equal(newLeader, await ensemble.WaitForQuorumAsync());
        Assert.Equal("follower", await ensemble.ModeAsync(leader));
        await using var resumed = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(leader));
        await resumed.SyncAsync("/");
        Assert.NotNull(await resumed.ExistsAsync("/while-paused"));
    }

    /// <summary>Writes sequentially until <paramref name="target"/> writes are acknowledged; a failed write is not counted.</summary>
    internal static async Task WriteUntilAsync(ZooKeeperClient client, string prefix, AcknowledgedWrites acked, int target, CancellationToken cancellationToken)
    {
        while (acked.Count < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                acked.Add(await client.CreateAsync(prefix, null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential, cancellationToken: cancellationToken));
            }
            catch (KeeperException ex) when (ex is ConnectionLossException or OperationTimeoutException)
            {
                // Outcome unknown: not acknowledged, so not counted. The client reconnects on its own.
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    internal static async Task AssertHoldsAsync(ProcessEnsemble ensemble, long id, AcknowledgedWrites acked)
    {
        await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
        IReadOnlyList<string>? children = null;
        Exception? failure = null;
        try
        {
            await reader.SyncAsync("/acked");
            children = await reader.GetChildrenAsync("/acked");
        }
        catch (KeeperException ex)
        {
            // Kept for the message: NoNode here would mean the member lost /acked itself.
            failure = ex;
        }
        var present = (children ?? []).Select(c => "/acked/" + c).ToHashSet(StringComparer.Ordinal);
        var missing = acked.Paths.Where(p => !present.Contains(p)).ToList();
        Assert.True(children is not null && missing.Count == 0,
            $"{(children is null ? $"reading /acked failed ({failure?.GetType().Name}: {failure?.Message})" : missing.Count + " acknowledged writes missing")} on member {id}: {string.Join(", ", missing.Take(10))}\n{ensemble.Report()}");
    }
}
