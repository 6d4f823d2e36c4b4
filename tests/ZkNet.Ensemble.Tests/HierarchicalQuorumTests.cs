using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A six-member ZkNet ensemble with hierarchical quorums (group.N, weight.N): three groups of two, where 1, 3 and 5
/// weigh 2 (each alone holds more than half of its group's 3) and 6 weighs 0. A quorum is a majority of the weight
/// in two of the three groups, whatever the count of members: three members can serve, five may not.
/// </summary>
public sealed class HierarchicalQuorumTests : IAsyncLifetime
{
    private const string Hierarchy = "group.1=1:2\ngroup.2=3:4\ngroup.3=5:6\nweight.1=2\nweight.3=2\nweight.5=2\nweight.6=0\n";

    private readonly EnsembleHarness _ensemble = new(6, extraConfig: _ => Hierarchy);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task Writes_go_on_with_a_group_and_one_more_member_down_and_stop_when_two_groups_are_down()
    {
        // Equal histories elect the highest sid, but 6 weighs 0: it is never voted for, and follows 5.
        Assert.Equal(5, await _ensemble.WaitForQuorumAsync());
        Assert.Equal(ServerRole.Following, _ensemble.Member(6).Core.Role);
        await using (var onZeroWeight = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(6)))
        {
            // The zero-weight member serves clients: a write through it reaches the others.
            await onZeroWeight.CreateAsync("/via-zero-weight", null, Acl.OpenAclUnsafe);
        }

        // Group 3 (5 leading, 6) and 4 down: 1, 2 and 3 are half of the members, yet groups 1 and 2 are each won
        // (3 alone weighs 2 of 3), so they elect and serve.
        foreach (var id in new long[] { 5, 6, 4 })
        {
            await _ensemble.StopAsync(id);
        }
        var leader = await _ensemble.WaitForQuorumAsync(TimeSpan.FromSeconds(60), [1, 2, 3]);
        Assert.Equal(3, leader);
        await using (var writer = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(1)))
        {
            await writer.CreateAsync("/three-of-six", null, Acl.OpenAclUnsafe);
        }
        await using (var reader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(2)))
        {
            await reader.SyncAsync("/");
            Assert.NotNull(await reader.ExistsAsync("/three-of-six"));
            Assert.NotNull(await reader.ExistsAsync("/via-zero-weight"));
        }

        // 3 down too: only group 1 is left, so nobody may serve (nor take writes).
        await _ensemble.StopAsync(3);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((_ensemble.Member(1).Core.IsServing || _ensemble.Member(2).Core.IsServing) && DateTime.UtcNow < deadline)
        {
            // The members notice within syncLimit ticks; there is no event to await across members.
            await Task.Delay(50);
        }
        Assert.False(_ensemble.Member(1).Core.IsServing, "member 1 kept serving with two groups down");
        Assert.False(_ensemble.Member(2).Core.IsServing, "member 2 kept serving with two groups down");

        // Member 4 returns: 3 is still down and 4 weighs 1 of group 2's 3, so still no quorum; with 3 back, they serve.
        await _ensemble.StartAsync(4);
        await _ensemble.StartAsync(3);
        Assert.Equal(3, await _ensemble.WaitForQuorumAsync(TimeSpan.FromSeconds(60), [1, 2, 3, 4]));
    }
}
