using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>Many requests in flight at once: each reply reaches its own caller, in the order sent.</summary>
public abstract class PipelineTests(ServerFixture server) : ClientTestBase(server)
{
    [Fact]
    public async Task Pipelined_writes_are_applied_and_answered_in_the_order_sent()
    {
        await Client.CreateAsync(P("counter"), null, Acl.OpenAclUnsafe).Bounded();
        const int count = 2000;
        var writes = new Task<Stat>[count];
        var reads = new Task<DataResult>[count];
        for (var i = 0; i < count; i++)
        {
            writes[i] = Client.SetDataAsync(P("counter"), BitConverter.GetBytes(i));
            reads[i] = Client.GetDataAsync(P("counter"));
        }
        var stats = await Task.WhenAll(writes).Bounded();
        var data = await Task.WhenAll(reads).Bounded();
        for (var i = 0; i < count; i++)
        {
            // FIFO client order: write i is the (i+1)-th change, and the read sent right after it sees exactly it.
            Assert.Equal(i + 1, stats[i].Version);
            Assert.Equal(i, BitConverter.ToInt32(data[i].Data));
            Assert.Equal(i + 1, data[i].Stat.Version);
        }
    }

    [Fact]
    public async Task Requests_from_many_threads_all_complete_with_their_own_results()
    {
        const int threads = 8;
        const int each = 200;
        var all = await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            var paths = new List<string>();
            var pending = Enumerable.Range(0, each).Select(i => Client.CreateAsync(P($"t{t}-{i}"), BitConverter.GetBytes(i), Acl.OpenAclUnsafe)).ToList();
            foreach (var task in pending)
            {
                paths.Add(await task);
            }
            return paths;
        }))).Bounded();
        for (var t = 0; t < threads; t++)
        {
            Assert.Equal(Enumerable.Range(0, each).Select(i => P($"t{t}-{i}")), all[t]);
        }
        Assert.Equal(threads * each, await Client.GetAllChildrenNumberAsync(Root).Bounded());
    }

    [Fact]
    public async Task Errors_in_a_pipeline_fail_only_their_own_request()
    {
        var tasks = Enumerable.Range(0, 100)
            .Select(i => i % 2 == 0 ? Client.CreateAsync(P($"n{i}"), null, Acl.OpenAclUnsafe) : Client.CreateAsync(P($"missing/n{i}"), null, Acl.OpenAclUnsafe))
            .ToList();
        await Task.WhenAny(Task.WhenAll(tasks)).Bounded();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(P($"n{i}"), await tasks[i]);
            }
            else
            {
                await Assert.ThrowsAsync<NoNodeException>(() => tasks[i]);
            }
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_cancelled_and_the_rest_still_complete()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var before = Client.CreateAsync(P("a"), null, Acl.OpenAclUnsafe);
        var dropped = Client.CreateAsync(P("b"), null, Acl.OpenAclUnsafe, cancellationToken: cancelled.Token);
        var after = Client.CreateAsync(P("c"), null, Acl.OpenAclUnsafe);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
        Assert.Equal(P("a"), await before.Bounded());
        Assert.Equal(P("c"), await after.Bounded());
        Assert.Null(await Client.ExistsAsync(P("b")).Bounded());
    }
}
