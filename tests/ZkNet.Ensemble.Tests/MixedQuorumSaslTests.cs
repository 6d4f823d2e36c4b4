using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// ZkNet and Apache ZooKeeper 3.8 members in one ensemble, every one with quorum.auth.enableSasl, learnerRequireSasl
/// and serverRequireSasl true and the same JAAS file (DIGEST-MD5; Apache ZooKeeper gets it as
/// -Djava.security.auth.login.config, ZkNet as the zoo.cfg key). Under serverRequireSasl a member that spoke no SASL,
/// or spoke it wrongly, would be refused by the other kind, so replication across kinds proves both directions of the
/// exchange on election and learner connections. With equal histories the higher server id leads: member 3 is the
/// kind that should lead. A member with a wrong password is kept out by a leader of the other kind.
/// </summary>
public sealed class MixedQuorumSaslTests
{
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ApacheZooKeeper] },
        { [ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ZkNet] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Apache_and_ZkNet_members_requiring_quorum_SASL_replicate_each_others_writes(ServerKind[] kinds)
    {
        using var jaas = new QuorumSaslJaas();
        await using var ensemble = Configure(new ProcessEnsemble(kinds), jaas);
        // Members 3 and 1 (two kinds) first: neither has a quorum alone, so member 3 leads with member 1 following.
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());
        await ensemble.StartAsync(2);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync());

        await ensemble.AssertWritesThroughEachReachEveryAsync("/qsasl-via-");
        // Each kind logged a SASL exchange with the other (ZkNet's lines; Apache ZooKeeper's own wording).
        var zkNet = ensemble.Ids.First(id => ensemble.KindOf(id) == ServerKind.ZkNet);
        var apache = ensemble.Ids.First(id => ensemble.KindOf(id) == ServerKind.ApacheZooKeeper);
        Assert.Contains("Quorum SASL:", ensemble.OutputOf(zkNet), StringComparison.Ordinal);
        Assert.Contains("Successfully completed the authentication using SASL", ensemble.OutputOf(apache), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_member_with_a_wrong_password_is_kept_out_by_members_of_the_other_kind(ServerKind[] kinds)
    {
        using var jaas = new QuorumSaslJaas();
        await using var ensemble = Configure(new ProcessEnsemble(kinds), jaas);
        // Member 3 leads members 1 and 2 here, and member 2 (the other kind than member 3) is the one with a wrong
        // password: it stays out while 3 and 1 serve.
        ensemble.SystemPropertiesOf(2)["java.security.auth.login.config"] = jaas.WrongPassword;
        await ensemble.StartAsync(3);
        await ensemble.StartAsync(1);
        Assert.Equal(3, await ensemble.WaitForQuorumAsync([3, 1]));
        await ensemble.StartAsync(2);
        await using (var writer = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(3)))
        {
            await writer.CreateAsync("/qsasl-kept-out", null, Acl.OpenAclUnsafe);
        }
        // Refusals are in the log of member 2's peers (ZkNet: "failed to authenticate"; Apache: "Failed to authenticate
        // using SASL"); polled: the other processes' output is not an event this process can await.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ensemble.OutputOf(3).Contains("ailed to authenticate", StringComparison.Ordinal)
            && !ensemble.OutputOf(1).Contains("ailed to authenticate", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no member logged member 2's failed authentication\n" + ensemble.Report());
            await Task.Delay(200);
        }
        Assert.Null(await ensemble.ModeAsync(2));
        Assert.Equal(3, await ensemble.WaitForQuorumAsync([3, 1]));
        await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(1));
        await reader.SyncAsync("/");
        Assert.NotNull(await reader.ExistsAsync("/qsasl-kept-out"));
    }

    private static ProcessEnsemble Configure(ProcessEnsemble ensemble, QuorumSaslJaas jaas)
    {
        foreach (var (key, value) in QuorumSaslJaas.RequiredSettings)
        {
            ensemble.Configure(key, value);
        }
        ensemble.SystemProperties["java.security.auth.login.config"] = jaas.Good;
        return ensemble;
    }
}
