using System.Text;
using ZkNet.Client.Retry;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// ZkNet and Apache ZooKeeper 3.8 members in one ensemble, as during a rolling migration: whichever kind leads, a
/// write made through any member is seen on every member, sessions and their ephemerals are the ensemble's, and the
/// ensemble survives losing its leader. With equal histories the higher server id leads, so the kinds are laid out
/// to put each kind in the lead, with a member of the other kind joining it once it leads.
/// </summary>
public sealed class MixedEnsembleTests
{
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ZkNet] },
        { [ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ApacheZooKeeper] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Writes_through_any_member_reach_every_member_and_survive_the_leaders_loss(ServerKind[] kinds)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        // Members 3 and 1 first: neither has a quorum alone, so the election waits for both and the higher id leads,
        // whichever process starts faster. Member 2 then joins an established leader.
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());
        await ensemble.StartAsync(2);
        var leader = await ensemble.WaitForQuorumAsync();
        Assert.Equal(3, leader);

        foreach (var id in ensemble.Ids)
        {
            await using var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
            await writer.CreateAsync($"/via-{id}", Encoding.UTF8.GetBytes(ensemble.KindOf(id).ToString()), Acl.OpenAclUnsafe);
        }
        await using var owner = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(1));
        await owner.CreateAsync("/owned", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        foreach (var id in ensemble.Ids)
        {
            await AssertSeesAsync(ensemble.ConnectStringOf(id), ensemble.Ids.Select(i => $"/via-{i}").Append("/owned"));
        }
        // Each kind's leader sends the tree digest with its proposals and the other kind's followers check it.
        foreach (var id in ensemble.Ids)
        {
            var mntr = await ensemble.FourLetterWordAsync(id, "mntr");
            Assert.Contains("zk_digest_mismatches_count\t0\n", mntr, StringComparison.Ordinal);
        }

        await ensemble.KillAsync(leader);
        await ensemble.WaitForQuorumAsync();
        await using (var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(2)))
        {
            await writer.CreateAsync("/after-failover", null, Acl.OpenAclUnsafe);
        }
        // The owner's member went through the election too: once its client is back, closing ends the session.
        await RetryLoop.RunAsync(new RetryNTimes(60, TimeSpan.FromMilliseconds(250)), token => owner.ExistsAsync("/owned", cancellationToken: token));
        await owner.CloseAsync();
        foreach (var id in ensemble.Running)
        {
            await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/");
            Assert.NotNull(await reader.ExistsAsync("/after-failover"));
            Assert.Null(await reader.ExistsAsync("/owned"));
            Assert.Equal("ZkNet", Encoding.UTF8.GetString((await reader.GetDataAsync($"/via-{Array.IndexOf(kinds, ServerKind.ZkNet) + 1}")).Data!));
        }
    }

    private static async Task AssertSeesAsync(string connectString, IEnumerable<string> paths)
    {
        await using var reader = await ProcessEnsemble.ConnectAsync(connectString);
        await reader.SyncAsync("/");
        foreach (var path in paths)
        {
            Assert.True(await reader.ExistsAsync(path) is not null, $"{path} missing on {connectString}");
        }
    }
}
