using System.Text;
using ZkNet.Recipes.Nodes;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Nodes;

public sealed class GroupMemberTests : RecipeTestBase
{
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
