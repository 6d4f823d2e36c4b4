using ZkNet.Hosting.Configuration;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>
/// zoo.cfg's <c>group.N</c> and <c>weight.N</c> keys, read as ZooKeeper 3.8's QuorumPeerConfig.parseDynamicConfig and
/// QuorumHierarchical.parse read them: any key starting "group" or "weight" makes the quorum hierarchical; every
/// participant is in exactly one group; weights default to 1. A file they cannot work with stops the start with one
/// line naming the key and the fix.
/// </summary>
public sealed class HierarchicalQuorumConfigTests
{
    private const string Servers = "server.1=a:1:2\nserver.2=b:1:2\nserver.3=c:1:2\nserver.4=d:1:2\nserver.5=e:1:2\nserver.6=f:1:2\n";

    private static EnsembleConfig Read(string lines) =>
        EnsembleConfig.Read(ZooCfgParser.Parse($"tickTime=2000\ndataDir=/tmp/x\nclientPort=2181\n{lines}", "/tmp"));

    [Fact]
    public void Group_and_weight_lines_make_the_quorum_hierarchical()
    {
        var quorum = Assert.IsType<QuorumHierarchical>(Read(Servers + "group.1=1:2\ngroup.2=3:4\ngroup.3=5:6\nweight.6=0\n").Quorum);

        Assert.Equal([(1L, (IReadOnlyList<long>)[1L, 2]), (2, [3L, 4]), (3, [5L, 6])],
            quorum.Groups.Select(g => (g.Group, (IReadOnlyList<long>)[.. g.Sids])));
        Assert.Equal(1, quorum.Weight(5));
        Assert.Equal(0, quorum.Weight(6));
        Assert.True(quorum.ContainsQuorum([1, 2, 3, 4]));
        Assert.False(quorum.ContainsQuorum([1, 2, 3, 6])); // 6 weighs 0: group 3 needs 5; group 2 needs 3 and 4
        Assert.True(quorum.ContainsQuorum([1, 2, 5]));
    }

    [Fact]
    public void Without_group_or_weight_lines_the_quorum_is_a_majority()
    {
        Assert.IsType<QuorumMaj>(Read(Servers).Quorum);
    }

    [Fact]
    public void An_observer_needs_no_group()
    {
        var ensemble = Read(Servers + "server.7=g:1:2:observer\ngroup.1=1:2:3\ngroup.2=4:5:6\n");

        Assert.IsType<QuorumHierarchical>(ensemble.Quorum);
        Assert.Equal(0, ensemble.Quorum.Weight(7));
        Assert.True(ensemble.IsDistributed);
    }

    [Theory]
    [InlineData("group.1=1:2:3\ngroup.2=3:4:5:6\n", "server 3 is in group.1 and group.2: list each server in exactly one group")]
    [InlineData("group.1=1:2:3\ngroup.2=4:5\n", "server.6 is in no group: with group.N lines every participant is listed in exactly one; add 6 to a group.N line")]
    [InlineData("weight.1=2\n", "server.1 is in no group")]
    [InlineData("group.1=1:2:3\ngroup.2=4:5:6:9\n", "group.2 lists server 9, which has no server.9 line")]
    [InlineData("group.1=1:2:3\ngroup.2=4:5:x\n", "group.2: 'x' is not a server id; write group.N=sid:sid:...")]
    [InlineData("group.1=1:2:3\ngroup.2=4:5:6\nweight.4=heavy\n", "weight.4: 'heavy' is not a whole number; write weight.N=w")]
    [InlineData("group.1=1:2:3\ngroup.2=4:5:6\nweight.4=-2\n", "weight.4 is -2: a weight is 0 or more")]
    [InlineData("group.1=1:2:3:4:5:6\nweight.1=0\nweight.2=0\nweight.3=0\nweight.4=0\nweight.5=0\nweight.6=0\n", "every group weighs 0")]
    [InlineData("groups=1:2:3:4:5:6\n", "groups is not of the form group.N=sid:sid:... with N a number")]
    [InlineData("group.one=1:2:3:4:5:6\n", "group.one is not of the form group.N=sid:sid:...")]
    public void A_hierarchy_ZooKeeper_would_refuse_or_could_not_run_stops_the_start_naming_the_key(string lines, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => Read(Servers + lines));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Group_lines_in_a_standalone_file_are_left_alone()
    {
        var ensemble = Read("group.1=1:2:3\n");

        Assert.False(ensemble.IsDistributed);
        Assert.IsType<QuorumMaj>(ensemble.Quorum);
    }

    [Theory]
    [InlineData("server.1", true)]
    [InlineData("group.1", true)]
    [InlineData("weight.12", true)]
    [InlineData("metricsProvider.x", false)]
    public void Quorum_keys_are_told_apart_from_the_ones_ZkNet_ignores(string key, bool quorum)
    {
        Assert.Equal(quorum, EnsembleConfig.IsQuorumKey(key));
    }
}
