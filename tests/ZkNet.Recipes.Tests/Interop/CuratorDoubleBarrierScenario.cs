using ZkNet.Client;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Barriers;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// Two Curator DistributedDoubleBarrier participants (Java/CoordinationRecipes.java, kind "barrier") and three ZkNet ones
/// on one barrier for five. Four in must not open it; the fifth, a ZkNet member, opens it for all; nobody gets out of
/// leave before that last member starts leaving. Curator's participants and the early ZkNet ones mark entering (and
/// Curator's leaving) with a persistent node beside the barrier, and the test marks when the last member starts to
/// enter and to leave: the markers' czxids order the events as the server saw them, whatever the scheduling.
/// </summary>
public static class CuratorDoubleBarrierScenario
{
    private const int CuratorMembers = 2;
    private const int EarlyDotnetMembers = 2;
    private const int Members = CuratorMembers + EarlyDotnetMembers + 1;

    /// <summary>Runs the scenario on the barrier <paramref name="path"/>.</summary>
    public static Task RunAsync(InteropTarget target, string path) =>
        CuratorDriver.StoppingDriversAsync(stop => EnterAndLeaveAsync(target with { StopDrivers = stop }, path));

    private static async Task EnterAndLeaveAsync(InteropTarget target, string path)
    {
        var probe = await target.ConnectAsync();
        var curator = await CuratorDriver.StartContendingAsync(probe, target.ConnectString, "barrier", path, CuratorMembers,
            Path.GetTempPath(), maxLeases: Members, stop: target.StopDrivers);
        await Waits.ChildCountAsync(probe, path, CuratorMembers);
        var early = new List<DistributedDoubleBarrier>();
        var earlyEntered = new List<Task>();
        for (var i = 0; i < EarlyDotnetMembers; i++)
        {
            early.Add(new DistributedDoubleBarrier(await target.ConnectAsync(), path, Members));
            earlyEntered.Add(EnterAndMarkAsync(early[i], probe, path + "-entered-dotnet" + i));
        }
        await Waits.ChildCountAsync(probe, path, Members - 1);

        // All but one are in: the barrier stays shut for Curator's participants and ours.
        Assert.Null(await probe.ExistsAsync(path + "/" + DistributedDoubleBarrier.ReadyNode).Bounded());
        Assert.DoesNotContain(earlyEntered, e => e.IsCompleted);
        var last = new DistributedDoubleBarrier(await target.ConnectAsync(), path, Members);
        var lastEntering = await MarkAsync(probe, path + "-entering-last");
        await last.EnterAsync().Bounded();
        await Task.WhenAll(earlyEntered).Bounded();
        var entered = await MarkersAsync(probe, path, "entered");
        Assert.All(entered, czxid => Assert.True(czxid > lastEntering, "a participant entered before the last member came"));

        // Everyone but the last member leaves; the non-lowest ones delete their nodes and wait, so the barrier is down
        // to the lowest one and the last member (or just the last member, if it is the lowest). Of two early ZkNet
        // members at least one is not the lowest, so ZkNet's waiting is checked as well as Curator's.
        var earlyLeaving = early.Select(b => b.LeaveAsync()).ToList();
        await Waits.ChildrenAsync(probe, path, children => children.Count(c => c != DistributedDoubleBarrier.ReadyNode) <= 2);
        Assert.DoesNotContain(earlyLeaving, l => l.IsCompleted);
        var lastLeaving = await MarkAsync(probe, path + "-leaving-last");
        await last.LeaveAsync().Bounded();
        await Task.WhenAll(earlyLeaving).Bounded();
        var left = await MarkersAsync(probe, path, "left");
        Assert.All(left, czxid => Assert.True(czxid > lastLeaving, "a Curator participant got out before the last member started to leave"));
        Assert.Contains($"entered={CuratorMembers} left={CuratorMembers}", await CuratorDriver.FinishedCleanAsync(curator), StringComparison.Ordinal);
        // The last one out removes the ready node (and the container itself may be gone already).
        Assert.Null(await probe.ExistsAsync(path + "/" + DistributedDoubleBarrier.ReadyNode).Bounded());
    }

    private static async Task EnterAndMarkAsync(DistributedDoubleBarrier barrier, IZooKeeperClient marker, string mark)
    {
        await barrier.EnterAsync().Bounded();
        await MarkAsync(marker, mark);
    }

    /// <summary>Creates a persistent marker node and returns its czxid.</summary>
    private static async Task<long> MarkAsync(IZooKeeperClient client, string path)
    {
        await client.CreateAsync(path, null, Acl.OpenAclUnsafe, CreateMode.Persistent).Bounded();
        return (await client.ExistsAsync(path).Bounded())!.Value.Czxid;
    }

    /// <summary>
    /// Waits for the marker of <paramref name="what"/> (entered or left) of each participant that writes one (Curator's
    /// all, ZkNet's early ones for entered) and returns their czxids.
    /// </summary>
    private static async Task<List<long>> MarkersAsync(IZooKeeperClient client, string path, string what)
    {
        var participants = Enumerable.Range(0, CuratorMembers).Select(i => "curator" + i);
        if (what == "entered")
        {
            participants = participants.Concat(Enumerable.Range(0, EarlyDotnetMembers).Select(i => "dotnet" + i));
        }
        var czxids = new List<long>();
        foreach (var participant in participants)
        {
            var marker = $"{path}-{what}-{participant}";
            await Waits.NodeExistsAsync(client, marker);
            czxids.Add((await client.ExistsAsync(marker).Bounded())!.Value.Czxid);
        }
        return czxids;
    }
}
