using System.Text;
using ZkNet.Recipes.Nodes;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Nodes;

public sealed class GroupMemberTests : RecipeTestBase
{
    private InteropTarget Target => new(Server.ConnectString, () => ConnectAsync());

    [Fact]
    public Task A_member_whose_node_another_session_holds_overwrites_it_and_recreates_its_own_when_that_session_ends() =>
        GroupMemberEdgeCases.NodeHeldByAnotherSessionAsync(Target, "/group");

    [Fact]
    public Task A_member_node_deleted_by_another_client_comes_back_at_once_with_the_latest_payload() =>
        GroupMemberEdgeCases.NodeDeletedByAnotherClientAsync(Target, "/group");

    [Fact]
    public Task A_closed_member_deletes_its_node_and_puts_it_back_no_more() =>
        GroupMemberEdgeCases.ClosedMemberStaysGoneAsync(Target, "/group");

    [Fact]
    public async Task Setting_the_payload_before_the_member_started_is_refused()
    {
        var member = new GroupMember(await ConnectAsync(), "/group", "m");
        await Assert.ThrowsAsync<InvalidOperationException>(() => member.SetPayloadAsync("early"u8.ToArray()));
    }

    [Fact]
    public async Task Members_see_each_other_with_payloads_and_a_closed_session_leaves_the_group()
    {
        await using var a = new GroupMember(await ConnectAsync(), "/group", "a", "alpha"u8.ToArray());
        var bClient = await ConnectAsync();
        var b = new GroupMember(bClient, "/group", "b", "beta"u8.ToArray());
        await a.StartAsync().Bounded();
        await b.StartAsync().Bounded();
        var members = await a.GetCurrentMembersAsync().Bounded();
        Assert.Equal(["a", "b"], members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("beta", Encoding.UTF8.GetString(members["b"]));

        await b.SetPayloadAsync("beta2"u8.ToArray()).Bounded();
        Assert.Equal("beta2", Encoding.UTF8.GetString((await a.GetCurrentMembersAsync().Bounded())["b"]));

        await bClient.CloseAsync().Bounded();
        Assert.Equal(["a"], (await a.GetCurrentMembersAsync().Bounded()).Keys);
    }
}
