using ZkNet.Client;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Barriers;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// Two Curator DistributedDoubleBarrier participants (Java/CoordinationRecipes.java, kind "barrier") and two ZkNet ones
/// on one barrier for four. Three in must not open it; the fourth, a ZkNet member, opens it for all; nobody gets out of
/// leave before that last member starts leaving. Each participant marks entered/left with a persistent node beside the
/// barrier, and the test marks when the last member starts to enter and to leave: the markers' czxids then order the
/// events as the server saw them, so the check holds however the processes are scheduled.
/// </summary>
public static class CuratorDoubleBarrierScenario
{
    private const int CuratorMembers = 2;
    private const int Members = 4;

    /// <summary>Runs the scenario on the barrier <paramref name="path"/>.</summary>
    public static async Task RunAsync(InteropTarget target, string path)
    {
        var probe = await target.ConnectAsync();
        var curator = await CuratorDriver.StartContendingAsync(probe, target.ConnectString, "barrier", path, CuratorMembers,
            Path.GetTempPath(), maxLeases: Members);
        await Waits.ChildCountAsync(probe, path, CuratorMembers);
        var first = new DistributedDoubleBarrier(await target.ConnectAsync(), path, Members);
        var firstEntered = EnterAndMarkAsync(first, probe, path + "-entered-dotnet0");
        await Waits.ChildCountAsync(probe, path, CuratorMembers + 1);

        // Three of four are in: the barrier stays shut for Curator's participants and ours.
        Assert.Null(await probe.ExistsAsync(path + "/" + DistributedDoubleBarrier.ReadyNode).Bounded());
        Assert.False(firstEntered.IsCompleted);
        var last = new DistributedDoubleBarrier(await target.ConnectAsync(), path, Members);
        var lastEntering = await MarkAsync(probe, path + "-entering-last");
        await last.EnterAsync().Bounded();
        await firstEntered.Bounded();
        var entered = await MarkersAsync(probe, path, "entered", ["dotnet0", "curator0", "curator1"]);
        Assert.All(entered, czxid => Assert.True(czxid > lastEntering, "a participant entered before the fourth member came"));

        // Everyone but the last member leaves; the non-lowest ones delete their nodes and wait, so the barrier is
        // down to the lowest one and the last member (or just the last member, if it is the lowest).
        var firstLeft = LeaveAndMarkAsync(first, probe, path + "-left-dotnet0");
        await Waits.ChildrenAsync(probe, path, children => children.Count(c => c != DistributedDoubleBarrier.ReadyNode) <= 2);
        Assert.False(firstLeft.IsCompleted);
        var lastLeaving = await MarkAsync(probe, path + "-leaving-last");
        await last.LeaveAsync().Bounded();
        await firstLeft.Bounded();
        var left = await MarkersAsync(probe, path, "left", ["dotnet0", "curator0", "curator1"]);
        Assert.All(left, czxid => Assert.True(czxid > lastLeaving, "a participant got out before the last member started to leave"));
        Assert.Contains($"entered={CuratorMembers} left={CuratorMembers}", await CuratorDriver.FinishedCleanAsync(curator), StringComparison.Ordinal);
        // The last one out removes the ready node (and the container itself may be gone already).
        Assert.Null(await probe.ExistsAsync(path + "/" + DistributedDoubleBarrier.ReadyNode).Bounded());
    }

    private static async Task EnterAndMarkAsync(DistributedDoubleBarrier barrier, IZooKeeperClient marker, string mark)
    {
        await barrier.EnterAsync().Bounded();
        await MarkAsync(marker, mark);
    }

    private static async Task LeaveAndMarkAsync(DistributedDoubleBarrier barrier, IZooKeeperClient marker, string mark)
    {
        await barrier.LeaveAsync().Bounded();
        await MarkAsync(marker, mark);
    }

    /// <summary>Creates a persistent marker node and returns its czxid.</summary>
    private static async Task<long> MarkAsync(IZooKeeperClient client, string path)
    {
        await client.CreateAsync(path, null, Acl.OpenAclUnsafe, CreateMode.Persistent).Bounded();
        return (await client.ExistsAsync(path).Bounded())!.Value.Czxid;
    }

    /// <summary>Waits for each participant's marker of <paramref name="what"/> and returns their czxids.</summary>
    private static async Task<List<long>> MarkersAsync(IZooKeeperClient client, string path, string what, string[] participants)
    {
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
