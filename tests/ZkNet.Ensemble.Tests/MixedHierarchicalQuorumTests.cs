using System.Text;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// ZkNet and Apache ZooKeeper 3.8 members in one ensemble with the same hierarchical quorum lines: group.1=1:3,
/// group.2=2 and weight.3=0. A quorum needs both groups, so 1 and 2; member 3 has the highest sid but weighs 0, so
/// member 2 leads (a member of either kind voting by sid alone would elect 3). Each kind leads in one layout, the
/// other kind's zero-weight member follows and serves, and losing member 1 ends leadership on either kind even though
/// 2 and 3 are a majority of the members. Apache's followers parse the ZkNet leader's config text in NEWLEADER and in
/// election notifications, so a text they could not read would fail the sync or be logged.
/// </summary>
public sealed class MixedHierarchicalQuorumTests
{
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [ServerKind.ZkNet, ServerKind.ApacheZooKeeper, ServerKind.ZkNet] },
        { [ServerKind.ApacheZooKeeper, ServerKind.ZkNet, ServerKind.ApacheZooKeeper] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Apache_and_ZkNet_members_agree_on_groups_and_weights(ServerKind[] kinds)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        ensemble.Configure("group.1", "1:3");
        ensemble.Configure("group.2", "2");
        ensemble.Configure("weight.3", "0");
        await ensemble.StartAllAsync();

        Assert.Equal(2, await ensemble.WaitForQuorumAsync());
        await ensemble.AssertWritesThroughEachReachEveryAsync("/hier-via-");
        foreach (var id in ensemble.Ids.Where(id => ensemble.KindOf(id) == ServerKind.ApacheZooKeeper))
        {
            Assert.DoesNotContain("Something went wrong while processing config", ensemble.OutputOf(id), StringComparison.Ordinal);
        }
        // Each member publishes its own config text in /zookeeper/config: both kinds print it alike, groups and
        // weights (the defaulted ones too) included.
        var texts = new Dictionary<long, string>();
        foreach (var id in ensemble.Ids)
        {
            await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
            texts[id] = Encoding.UTF8.GetString((await reader.GetConfigAsync()).Data!);
        }
        Assert.Matches(@"\ngroup\.1=1:3\ngroup\.2=2\nweight\.1=1\nweight\.2=1\nweight\.3=0\nversion=0$", texts[1]);
        Assert.All(texts, text => Assert.Equal(texts[1], text.Value));

        // Without member 1, group 1 holds only member 3's weight 0: no quorum, though 2 of 3 members remain.
        await ensemble.StopAsync(1);
        // Member 3 stops only once it sees its leader go (an Apache leader stops serving clients before it closes its
        // learners' sockets), so both are awaited, not member 2 alone.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await ensemble.ModeAsync(2) is not null || await ensemble.ModeAsync(3) is not null) && DateTime.UtcNow < deadline)
        {
            // Modes of other processes, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(200);
        }
        Assert.True(await ensemble.ModeAsync(2) is null, "member 2 kept serving without member 1\n" + ensemble.Report());
        Assert.True(await ensemble.ModeAsync(3) is null, "member 3 kept serving without member 1\n" + ensemble.Report());
    }
}
