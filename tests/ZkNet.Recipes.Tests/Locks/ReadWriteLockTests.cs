using System.Text.RegularExpressions;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Locks;

public sealed partial class ReadWriteLockTests : RecipeTestBase
{
    [GeneratedRegex("^_c_[0-9a-f-]{36}-(__READ__|__WRIT__)[0-9]{10}$")]
    private static partial Regex CuratorNode();

    [Fact]
    public async Task Readers_share_the_lock_and_a_writer_waits_for_them_with_Curators_node_names()
    {
        var zk = await ConnectAsync();
        var first = new InterProcessReadWriteLock(zk, "/rw");
        var second = new InterProcessReadWriteLock(await ConnectAsync(), "/rw");
        var writer = new InterProcessReadWriteLock(await ConnectAsync(), "/rw");
        await first.ReadLock.AcquireAsync().Bounded();
        Assert.True(await second.ReadLock.AcquireAsync(TimeSpan.FromSeconds(5)).Bounded());
        Assert.False(await writer.WriteLock.AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        Assert.All(await zk.GetChildrenAsync("/rw").Bounded(), name => Assert.Matches(CuratorNode(), name));

        var writing = writer.WriteLock.AcquireAsync(TimeSpan.FromSeconds(20));
        await first.ReadLock.ReleaseAsync().Bounded();
        Assert.False(writing.IsCompleted);
        await second.ReadLock.ReleaseAsync().Bounded();
        Assert.True(await writing.Bounded());
    }

    [Fact]
    public async Task A_reader_arriving_after_a_waiting_writer_waits_for_it()
    {
        var reader = new InterProcessReadWriteLock(await ConnectAsync(), "/fair");
        var writer = new InterProcessReadWriteLock(await ConnectAsync(), "/fair");
        var late = new InterProcessReadWriteLock(await ConnectAsync(), "/fair");
        await reader.ReadLock.AcquireAsync().Bounded();
        var writing = writer.WriteLock.AcquireAsync(TimeSpan.FromSeconds(20));
        await WaitForNodeCountAsync(reader, 2);
        Assert.False(await late.ReadLock.AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        await reader.ReadLock.ReleaseAsync().Bounded();
        Assert.True(await writing.Bounded());
    }

    [Fact]
    public async Task The_write_holder_may_also_take_the_read_lock()
    {
        var rw = new InterProcessReadWriteLock(await ConnectAsync(), "/downgrade");
        await rw.WriteLock.AcquireAsync().Bounded();
        Assert.True(await rw.ReadLock.AcquireAsync(TimeSpan.FromSeconds(5)).Bounded());
        await rw.WriteLock.ReleaseAsync().Bounded();
        Assert.True(rw.ReadLock.IsOwnedByCurrentFlow);
        var other = new InterProcessReadWriteLock(await ConnectAsync(), "/downgrade");
        Assert.False(await other.WriteLock.AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        await rw.ReadLock.ReleaseAsync().Bounded();
    }

    [Fact]
    public async Task Writers_and_readers_under_contention_never_overlap()
    {
        var section = new CriticalSection(Directory.CreateTempSubdirectory("zknet-rw-").FullName);
        var violations = 0;
        var workers = new List<Task>();
        for (var c = 0; c < 4; c++)
        {
            var rw = new InterProcessReadWriteLock(await ConnectAsync(), "/mixed");
            var kind = c % 2 == 0 ? "write" : "read";
            var label = kind + c;
            workers.Add(Task.Run(async () =>
            {
                for (var r = 0; r < 10; r++)
                {
                    var side = kind == "write" ? rw.WriteLock : rw.ReadLock;
                    await side.AcquireAsync().Bounded();
                    Interlocked.Add(ref violations, await section.RunAsync(kind, label, r));
                    await side.ReleaseAsync().Bounded();
                }
            }));
        }
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(2));
        Assert.Equal(0, violations);
        Assert.Equal(40, section.Holders().Count);
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task A_write_holder_is_told_when_its_session_is_lost_its_node_goes_and_waiting_readers_proceed()
    {
        var holder = await ConnectThroughProxyAsync();
        var probe = await ConnectAsync();
        var writer = new InterProcessReadWriteLock(holder.Client, "/rw-lost");
        await writer.WriteLock.AcquireAsync().Bounded();
        var lost = writer.WriteLock.LockLost;
        var writeNode = writer.WriteLock.LockPath!;
        var readers = new List<Task<bool>>();
        for (var i = 0; i < 2; i++)
        {
            var reader = new InterProcessReadWriteLock(await ConnectAsync(), "/rw-lost");
            readers.Add(reader.ReadLock.AcquireAsync(TimeSpan.FromSeconds(20)));
        }
        await Waits.ChildCountAsync(probe, "/rw-lost", 3);
        Assert.DoesNotContain(readers, r => r.IsCompleted);

        await holder.ExpireAsync(probe);

        await lost.WhenCancelled().Bounded();
        Assert.All(await Task.WhenAll(readers).Bounded(), Assert.True);
        Assert.Null(await probe.ExistsAsync(writeNode).Bounded());
        Assert.All(await probe.GetChildrenAsync("/rw-lost").Bounded(), n => Assert.Contains(InterProcessReadWriteLock.ReadLockName, n, StringComparison.Ordinal));
    }

    private static async Task WaitForNodeCountAsync(InterProcessReadWriteLock rw, int count)
    {
        var deadline = DateTime.UtcNow + Waits.Timeout;
        while ((await rw.ReadLock.GetParticipantNodesAsync().Bounded()).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer never queued");
            await Task.Delay(20);
        }
    }
}
