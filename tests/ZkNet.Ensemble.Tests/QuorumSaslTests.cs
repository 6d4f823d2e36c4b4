using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Quorum SASL (quorum.auth.enableSasl, learnerRequireSasl and serverRequireSasl all true; DIGEST-MD5 from a JAAS
/// file) in a ZkNet ensemble: members that share the password elect and replicate; a member presenting a wrong
/// password is refused by the others and never serves, while the other two do.
/// </summary>
public sealed class QuorumSaslTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Members_requiring_quorum_SASL_elect_and_replicate_and_one_with_a_wrong_password_is_kept_out()
    {
        using var jaas = new QuorumSaslJaas();
        var logs = new Dictionary<long, LineLog> { [1] = new(), [2] = new(), [3] = new() };
        await using var ensemble = new EnsembleHarness(3);
        // Members 2 and 3 have the password; member 1 presents a wrong one (and accepts the right one).
        await ensemble.StartAsync(2, QuorumSaslJaas.ZooCfgLines(jaas.Good), logs[2]);
        await ensemble.StartAsync(3, QuorumSaslJaas.ZooCfgLines(jaas.Good), logs[3]);
        var leader = await ensemble.WaitForQuorumAsync(Bound, [2, 3]);
        await logs[leader].WaitForAsync(l => l.Contains("Quorum SASL: learner", StringComparison.Ordinal) && l.Contains("authenticated as zkpeer", StringComparison.Ordinal), Bound);

        await ensemble.StartAsync(1, QuorumSaslJaas.ZooCfgLines(jaas.WrongPassword), logs[1]);
        // Member 1 tries to reach the others, who refuse it: its connections fail at SASL, on both sides.
        await logs[1].WaitForAsync(l => l.Contains("Quorum SASL: authentication to server", StringComparison.Ordinal) && l.Contains("refused our credentials", StringComparison.Ordinal), Bound);
        await Task.WhenAny(
            logs[2].WaitForAsync(l => l.Contains("Quorum SASL: server 1", StringComparison.Ordinal) && l.Contains("failed to authenticate", StringComparison.Ordinal), Bound),
            logs[3].WaitForAsync(l => l.Contains("Quorum SASL: server 1", StringComparison.Ordinal) && l.Contains("failed to authenticate", StringComparison.Ordinal), Bound)).Unwrap();

        // The other two serve writes made through either of them.
        foreach (var id in new long[] { 2, 3 })
        {
            await using var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(id));
            await writer.CreateAsync($"/sasl-via-{id}", Encoding.UTF8.GetBytes($"member {id}"), Acl.OpenAclUnsafe);
        }
        foreach (var id in new long[] { 2, 3 })
        {
            await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/");
            Assert.Equal("member 2", Encoding.UTF8.GetString((await reader.GetDataAsync("/sasl-via-2")).Data!));
            Assert.Equal("member 3", Encoding.UTF8.GetString((await reader.GetDataAsync("/sasl-via-3")).Data!));
        }
        // Member 1 kept trying meanwhile (a later refusal is logged) and never joined.
        var refusals = logs[1].Lines.Count(l => l.Contains("refused our credentials", StringComparison.Ordinal));
        var counted = 0;
        await logs[1].WaitForAsync(l => l.Contains("refused our credentials", StringComparison.Ordinal) && ++counted > refusals, Bound);
        Assert.False(ensemble.Member(1).Core.IsServing, "member 1 serves though its password is wrong");
        Assert.Equal(0, ensemble.Member(1).LeaderId);
        Assert.DoesNotContain(logs[1].Lines, l => l.Contains("synchronised, serving clients", StringComparison.Ordinal));
        Assert.Equal(leader, await ensemble.WaitForQuorumAsync(Bound, [2, 3]));
    }
}
