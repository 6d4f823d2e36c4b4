using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

public abstract partial class FaultTests
{
    [Fact]
    public async Task Slow_or_throwing_watch_callbacks_do_not_stall_replies()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Watcher.Create(async e =>
        {
            if (!e.IsStateChange)
            {
                entered.TrySetResult();
                await release.Task;
            }
        });
        var throwing = Watcher.Create(e =>
        {
            if (!e.IsStateChange)
            {
                throw new InvalidOperationException("a faulty watcher");
            }
        });
        var after = new TaskWatcher();
        await Client.GetDataAsync(P("n"), throwing).Bounded();
        await Client.GetDataAsync(P("n"), slow).Bounded();
        await Client.SetDataAsync(P("n"), B("1")).Bounded();
        await entered.Task.Bounded();

        // The dispatcher is stuck in the slow callback; replies must still flow.
        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Client.CreateAsync(P($"r{i}"), null, Acl.OpenAclUnsafe))).Bounded();
        Assert.Equal(200, replies.Length);
        await Client.ExistsAsync(P("later"), after).Bounded();
        await Client.CreateAsync(P("later"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.False(after.Triggered.IsCompleted);

        release.SetResult();
        // Events queued behind the slow callback (and after the throwing one) are still delivered, in order.
        Assert.Equal(EventType.NodeCreated, (await after.Triggered.Bounded()).Type);
    }
}
