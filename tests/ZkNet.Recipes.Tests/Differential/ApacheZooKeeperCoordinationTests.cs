using ZkNet.Recipes.Tests.Infrastructure;
using ZkNet.Recipes.Tests.Interop;
using ZkNet.Recipes.Tests.Nodes;

namespace ZkNet.Recipes.Tests.Differential;

/// <summary>
/// The Curator interop scenarios of Interop/CuratorCoordinationInteropTests, and GroupMember's edge cases of
/// Nodes/GroupMemberTests, against the real Apache ZooKeeper 3.8, so that what they expect of ZkNet is ZooKeeper's
/// behaviour too. One server per test, each running several scenarios (it is slow to start), with ZkNet's test tick,
/// so that a session left unclosed expires within seconds (at most 20 ticks).
/// </summary>
public sealed class ApacheZooKeeperCoordinationTests : ApacheZooKeeperTestBase
{
    protected override IReadOnlyDictionary<string, string> Config => new Dictionary<string, string> { ["tickTime"] = "250" };

    [Fact]
    public async Task Curator_priority_queue_group_member_and_double_barrier_interoperate_with_ZkNet_on_ZooKeeper()
    {
        var target = new InteropTarget(Server.ConnectString, ConnectAsync);
        await CuratorPriorityQueueScenario.RunAsync(target, "/apache/priority");
        await CuratorGroupMemberScenario.RunAsync(target, "/apache/group-close", CuratorGroupMemberScenario.Leaving.Close);
        await CuratorGroupMemberScenario.RunAsync(target, "/apache/group-session", CuratorGroupMemberScenario.Leaving.SessionEnd);
        await CuratorDoubleBarrierScenario.RunAsync(target, "/apache/barrier");
    }

    [Fact]
    public async Task GroupMember_edge_cases_and_a_Curator_GroupMember_with_the_same_id_behave_alike_on_ZooKeeper()
    {
        var target = new InteropTarget(Server.ConnectString, ConnectAsync);
        await GroupMemberEdgeCases.NodeHeldByAnotherSessionAsync(target, "/apache/group-held");
        await GroupMemberEdgeCases.NodeDeletedByAnotherClientAsync(target, "/apache/group-deleted");
        await GroupMemberEdgeCases.ClosedMemberStaysGoneAsync(target, "/apache/group-closed");
        await CuratorGroupMemberScenario.RunSameIdAsync(target, "/apache/group-same-id");
    }
}
