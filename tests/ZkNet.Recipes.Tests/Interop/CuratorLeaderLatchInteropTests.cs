using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>A Curator LeaderLatch process and a ZkNet latch on one path elect one leader between them.</summary>
public sealed class CuratorLeaderLatchInteropTests : RecipeTestBase
{
    [Fact]
    public async Task A_Curator_LeaderLatch_and_a_ZkNet_latch_elect_one_leader_and_hand_over()
    {
        var zk = await ConnectAsync();
        var latch = new LeaderLatch(zk, "/interop/latch", "dotnet");
        await latch.StartAsync().Bounded();
        await latch.AwaitLeadershipAsync().Bounded();

        var directory = Directory.CreateTempSubdirectory("zknet-latch-").FullName;
        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "latch", "/interop/latch", 0, directory);
        // Curator sees the ZkNet latch as the leader, and is not one itself; ours sees Curator queued behind it.
        Assert.True(latch.HasLeadership);
        var participants = await latch.GetParticipantsAsync().Bounded();
        Assert.Equal(["dotnet", "curator"], participants.Select(p => p.Id));

        await latch.CloseAsync().Bounded();
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);
        Assert.Contains("leader=dotnet hasLeadership=false", stdout, StringComparison.Ordinal);
        Assert.Contains("became=true", stdout, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
