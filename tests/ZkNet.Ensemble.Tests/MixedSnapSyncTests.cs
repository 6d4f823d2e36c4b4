using System.Globalization;
using System.Text.RegularExpressions;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// SNAP syncs across kinds, on real processes: an Apache ZooKeeper 3.8 learner reads the snapshot a ZkNet leader walks
/// straight onto the socket, and a ZkNet learner reads an Apache leader's straight off it into its tree. The learner
/// joins late, far behind (a history much longer than a DIFF may carry, with values large enough that Apache's leader
/// does not send its txn log instead), and every member's data directory then recovers to the same tree.
/// </summary>
public sealed partial class MixedSnapSyncTests
{
    // Member 3 leads (the higher id of the first two started), member 1, of the other kind, joins it by SNAP.
    [Theory]
    [MemberData(nameof(MixedEnsembleTests.Layouts), MemberType = typeof(MixedEnsembleTests))]
    public async Task A_learner_synchronised_by_the_other_kinds_SNAP_ends_with_the_leaders_tree(ServerKind[] kinds)
    {
        await using var ensemble = new ProcessEnsemble(kinds);
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(2);
        var leader = await ensemble.WaitForQuorumAsync();
        Assert.Equal(3, leader);
        var random = new Random(11);
        await using (var client = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            await client.CreateAsync("/snap", null, Acl.OpenAclUnsafe);
            for (var batch = 0; batch < 7; batch++)
            {
                await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
                    client.CreateAsync($"/snap/n{batch * 100 + i}", RandomBytes(random, 2048), Acl.OpenAclUnsafe)));
            }
            for (var i = 0; i < 10; i++)
            {
                await client.CreateAsync($"/snap/big{i}", RandomBytes(random, 200 * 1024), Acl.OpenAclUnsafe);
            }
        }

        await ensemble.StartAsync(1);
        await ensemble.WaitForQuorumAsync();

        var mntr = await ensemble.FourLetterWordAsync(leader, "mntr");
        var snaps = SnapCount().Match(mntr);
        Assert.True(snaps.Success && long.Parse(snaps.Groups[1].Value, CultureInfo.InvariantCulture) >= 1,
            $"the {kinds[2]} leader synchronised no learner by SNAP:\n{mntr}");
        await using (var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(1)))
        {
            await reader.SyncAsync("/");
            Assert.Equal(710, (await reader.GetChildrenAsync("/snap")).Count);
        }
        await ensemble.StopAndAssertIdenticalOnDiskAsync(leader);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex(@"zk_snap_count\t(\d+)")]
    private static partial Regex SnapCount();
}
