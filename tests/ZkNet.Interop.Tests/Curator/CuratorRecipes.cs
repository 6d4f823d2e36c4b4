using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Curator;

/// <summary>Apache Curator 5.4 recipes across several clients, each its own session, in one JVM.</summary>
public abstract class CuratorRecipes(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    [Fact]
    public async Task InterProcessMutex_admits_one_holder_at_a_time_across_clients()
    {
        const int Clients = 5, Rounds = 8;
        var root = UniquePath.For("curator-mutex");
        var r = await JavaAsync("curator-mutex", root, Clients.ToString(), Rounds.ToString());
        Assert.Equal(Clients * Rounds, r.Long("acquisitions"));
        Assert.Equal(1, r.Long("maxHolders"));
        // Unversioned read-increment-write under the lock: any overlap would lose an increment.
        Assert.Equal(Clients * Rounds, r.Long("counter"));
        // No lock node is left; Curator made the parent a container, so the server may have reaped it (-1).
        Assert.InRange(r.Long("lockChildrenAfter"), -1, 0);
    }

    [Fact]
    public async Task LeaderLatch_elects_exactly_one_leader_and_hands_over_when_the_leader_closes()
    {
        const int Clients = 3;
        var root = UniquePath.For("curator-leader");
        var r = await JavaAsync("curator-leader", root, Clients.ToString());
        var leaders = r.Strings("leaders");
        Assert.Equal(Clients, leaders.Count);
        Assert.Equal(Clients, leaders.Distinct().Count());
        Assert.All(r["leaderCounts"].EnumerateArray(), c => Assert.Equal(1, c.GetInt32()));
        Assert.All(r["allAgree"].EnumerateArray(), a => Assert.True(a.GetBoolean()));
        // No latch node is left; Curator made the parent a container, so the server may have reaped it (-1).
        Assert.InRange(r.Long("latchChildrenAfter"), -1, 0);
    }
}
