using System.Text.RegularExpressions;
using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Leader;

public sealed partial class LeaderLatchTests : RecipeTestBase
{
    [GeneratedRegex("^_c_[0-9a-f-]{36}-latch-[0-9]{10}$")]
    private static partial Regex CuratorLatchNode();

    [Fact]
    public async Task Exactly_one_of_many_latches_leads_and_leadership_passes_on_when_the_leader_closes()
    {
        var latches = new List<LeaderLatch>();
        for (var i = 0; i < 4; i++)
        {
            var latch = new LeaderLatch(await ConnectAsync(), "/election", "member-" + i);
            await latch.StartAsync().Bounded();
            latches.Add(latch);
        }
        var first = latches[0];
        await first.AwaitLeadershipAsync().Bounded();
        Assert.Equal(1, latches.Count(l => l.HasLeadership));
        var participants = await first.GetParticipantsAsync().Bounded();
        Assert.Equal(["member-0", "member-1", "member-2", "member-3"], participants.Select(p => p.Id));
        Assert.True(participants[0].IsLeader);
        Assert.All(await (await ConnectAsync()).GetChildrenAsync("/election").Bounded(), n => Assert.Matches(CuratorLatchNode(), n));

        var lost = first.LeadershipLost;
        await first.CloseAsync().Bounded();
        Assert.True(lost.IsCancellationRequested);
        await latches[1].AwaitLeadershipAsync().Bounded();
        Assert.Equal(1, latches.Skip(1).Count(l => l.HasLeadership));
        foreach (var latch in latches)
        {
            await latch.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_leader_whose_connection_drops_stops_leading_and_queues_again_on_reconnect()
    {
        var latch = new LeaderLatch(await ConnectAsync(TimeSpan.FromSeconds(5)), "/flaky", "a");
        var changes = new List<bool>();
        using var _ = latch.AddListener(leader =>
        {
            lock (changes)
            {
                changes.Add(leader);
            }
            return ValueTask.CompletedTask;
        });
        await latch.StartAsync().Bounded();
        await latch.AwaitLeadershipAsync().Bounded();
        var term = latch.LeadershipLost;
        await Server.RestartAsync().Bounded();
        await term.WhenCancelled().Bounded();
        // Reconnected: a fresh node, and, alone in the election, leadership again.
        await latch.AwaitLeadershipAsync().Bounded();
        lock (changes)
        {
            Assert.Equal([true, false, true], changes);
        }
        await latch.DisposeAsync();
    }
}
