using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>A Curator LeaderLatch process and a ZkNet latch on one path elect one leader between them.</summary>
public sealed class CuratorLeaderLatchInteropTests : RecipeTestBase
{
    [Fact]
    public async Task A_Curator_LeaderLatch_and_a_ZkNet_latch_elect_one_leader_and_hand_over()
    {
        Assert.True(CuratorDriver.Available, "Curator (libcurator-recipes-java) and javac are needed: scripts/test.sh installs them");
        var zk = await ConnectAsync();
        var latch = new LeaderLatch(zk, "/interop/latch", "dotnet");
        await latch.StartAsync().Bounded();
        await latch.AwaitLeadershipAsync().Bounded();

        var directory = Directory.CreateTempSubdirectory("zknet-latch-").FullName;
        var curator = CuratorDriver.RunAsync(Server.ConnectString, "latch", "/interop/latch", 0, directory, "curator");
        var ready = WaitForNodeAsync(zk, "/interop/latch-ready-curator");
        if (await Task.WhenAny(curator, ready).WaitAsync(TimeSpan.FromMinutes(2)) == curator)
        {
            var (code, output, error) = await curator;
            Assert.Fail($"the Curator driver ended early ({code}):\n{output}\n{error}");
        }
        // Curator sees the ZkNet latch as the leader, and is not one itself; ours sees Curator queued behind it.
        Assert.True(latch.HasLeadership);
        var participants = await latch.GetParticipantsAsync().Bounded();
        Assert.Equal(["dotnet", "curator"], participants.Select(p => p.Id));

        await latch.CloseAsync().Bounded();
        var (exitCode, stdout, stderr) = await curator.Bounded(TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"Curator driver exited {exitCode}:\n{stdout}\n{stderr}");
        Assert.Contains("leader=dotnet hasLeadership=false", stdout, StringComparison.Ordinal);
        Assert.Contains("became=true", stdout, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
