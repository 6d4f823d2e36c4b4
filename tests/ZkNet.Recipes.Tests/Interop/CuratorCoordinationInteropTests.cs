using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// Curator's DistributedPriorityQueue, GroupMember and DistributedDoubleBarrier (Curator 5, Debian's jars, in a Java
/// process) beside ZkNet's on one path, against ZkNet; Differential/ApacheZooKeeperCoordinationTests runs the same
/// scenarios against Apache ZooKeeper.
/// </summary>
public sealed class CuratorCoordinationInteropTests : RecipeTestBase
{
    private InteropTarget Target => new(Server.ConnectString, () => ConnectAsync());

    [Fact]
    public Task A_Curator_priority_queue_and_a_ZkNet_one_take_each_others_items_lowest_priority_first() =>
        CuratorPriorityQueueScenario.RunAsync(Target, "/interop/priority");

    [Fact]
    public Task Curator_and_ZkNet_group_members_see_each_other_and_a_closed_member_leaves_the_others_view() =>
        CuratorGroupMemberScenario.RunAsync(Target, "/interop/group", CuratorGroupMemberScenario.Leaving.Close);

    [Fact]
    public Task A_group_member_whose_session_ends_leaves_the_view_of_the_other_kind() =>
        CuratorGroupMemberScenario.RunAsync(Target, "/interop/group", CuratorGroupMemberScenario.Leaving.SessionEnd);

    [Fact]
    public Task Curator_and_ZkNet_GroupMembers_with_one_id_each_take_over_the_others_node_and_recreate_it_when_its_session_ends() =>
        CuratorGroupMemberScenario.RunSameIdAsync(Target, "/interop/group-same-id");

    [Fact]
    public Task Curator_and_ZkNet_double_barrier_participants_enter_only_at_the_count_and_leave_together() =>
        CuratorDoubleBarrierScenario.RunAsync(Target, "/interop/barrier");
}
