using ZkNet.Ensemble.Tests;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Quorum;

/// <summary>
/// ZkNet and Apache ZooKeeper 3.8 members in one ensemble, every member with sslQuorum=true and the same zoo.cfg
/// quorum TLS keys (PKCS12 stores, hostname verification on): elections and leader/learner connections cross
/// implementations over TLS both ways. With equal histories the higher server id leads, so member 3 is the kind that
/// should lead; a write through each member is read through every member of the other kind. Members 3 and 1, of two
/// kinds, make the first quorum: a member that fell back to plain TCP would be refused by the other, so the test
/// also fails when either kind does not speak TLS.
/// </summary>
public sealed class MixedQuorumTlsTests
{
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ZkNet] },
        { [ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ApacheZooKeeper] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Apache_and_ZkNet_members_with_sslQuorum_replicate_each_others_writes(ServerKind[] kinds)
    {
        var certs = await TestCertificates.GetAsync();
        await using var ensemble = new ProcessEnsemble(kinds) { ExtraClassPath = SecureServer.NettyJars };
        foreach (var id in ensemble.Ids)
        {
            foreach (var (key, value) in QuorumTlsConfig.Settings(certs, sslQuorum: true))
            {
                ensemble.SettingsOf(id)[key] = value;
            }
        }
        // Members 3 and 1 first: neither has a quorum alone, so the election waits for both and member 3 leads.
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());
        await ensemble.StartAsync(2);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());

        await ensemble.AssertWritesThroughEachReachEveryAsync("/tls-via-");
    }
}
