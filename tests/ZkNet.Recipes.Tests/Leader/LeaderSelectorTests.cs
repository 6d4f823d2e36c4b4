using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Leader;

public sealed class LeaderSelectorTests : RecipeTestBase
{
    [Fact]
    public async Task Selectors_lead_one_at_a_time_and_requeue_after_each_term()
    {
        var leading = 0;
        var maxLeading = 0;
        var terms = new List<string>();
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var selectors = new List<LeaderSelector>();
        for (var i = 0; i < 3; i++)
        {
            var id = "s" + i;
            selectors.Add(new LeaderSelector(await ConnectAsync(), "/selector", async token =>
            {
                var now = Interlocked.Increment(ref leading);
                lock (terms)
                {
                    maxLeading = Math.Max(maxLeading, now);
                    terms.Add(id);
                    if (terms.Count == 9)
                    {
                        allDone.TrySetResult();
                    }
                }
                await Task.Yield();
                Interlocked.Decrement(ref leading);
            }, new LeaderSelectorOptions { Id = id, AutoRequeue = true }));
        }
        foreach (var selector in selectors)
        {
            selector.Start();
        }
        await allDone.Task.Bounded();
        foreach (var selector in selectors)
        {
            await selector.DisposeAsync();
        }
        Assert.Equal(1, maxLeading);
        lock (terms)
        {
            Assert.Equal(3, terms.Take(9).Distinct().Count());
        }
    }

    [Fact]
    public async Task The_leaders_token_is_cancelled_when_its_connection_drops()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var selector = new LeaderSelector(await ConnectAsync(), "/interrupted", async token =>
        {
            started.TrySetResult();
            await token.WhenCancelled();
            cancelled.TrySetResult();
        }, new LeaderSelectorOptions { Id = "only" });
        selector.Start();
        await started.Task.Bounded();
        Assert.True(selector.HasLeadership);
        var participants = await selector.GetParticipantsAsync().Bounded();
        Assert.Equal("only", Assert.Single(participants).Id);
        await Server.RestartAsync().Bounded();
        await cancelled.Task.Bounded();
    }
}
