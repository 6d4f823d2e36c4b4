using Xunit.Abstractions;
using ZkNet.Ensemble.Tests.Clients;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// Real clients (the Java client, Curator, the C client, kazoo) on a connect string naming all three `zknet server`
/// processes: the member a client is connected to is killed (SIGKILL) and the client carries on with the same session
/// on another member: its ephemeral is still there, a write made afterwards is in that session, and both are read
/// through every surviving member.
/// </summary>
public sealed class RealClientFailoverTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(RealClient.Java)]
    [InlineData(RealClient.Curator)]
    [InlineData(RealClient.C)]
    [InlineData(RealClient.Kazoo)]
    public async Task A_real_client_keeps_its_session_when_its_member_is_killed(RealClient kind)
    {
        await using var ensemble = new ProcessEnsemble(ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ZkNet);
        await ensemble.StartAllAsync();
        var leader = await ensemble.WaitForQuorumAsync();
        var root = "/failover-" + kind.ToString().ToLowerInvariant();
        await using (var setup = await ProcessEnsemble.ConnectAsync(ensemble.ConnectString))
        {
            await setup.CreateAsync(root, null, Acl.OpenAclUnsafe);
        }

        await using var session = await FailoverSession.StartAsync(kind, ensemble.ConnectString, root);
        var host = await ensemble.MemberHostingAsync(session.SessionId);
        output.WriteLine($"{session} on member {host} (leader {leader}); killing it");
        await ensemble.KillAsync(host);
        await ensemble.WaitForQuorumAsync();
        var outcome = await session.ContinueAsync();
        Assert.True(outcome.SessionId == session.SessionId, $"{kind} now has session 0x{outcome.SessionId:x}, not 0x{session.SessionId:x}:\n{session.Transcript}");
        var newHost = await ensemble.MemberHostingAsync(session.SessionId);
        output.WriteLine($"carried on through member {newHost}; states {outcome.States}");
        Assert.NotEqual(host, newHost);
        foreach (var id in ensemble.Running)
        {
            await using var reader = await ProcessEnsemble.ConnectAsync(ensemble.ConnectStringOf(id));
            await reader.SyncAsync(root);
            Assert.True(await reader.ExistsAsync(root + "/before") is not null, $"{root}/before missing on member {id}");
            foreach (var ephemeral in new[] { root + "/eph", root + "/after" })
            {
                var stat = await reader.ExistsAsync(ephemeral);
                Assert.True(stat is { } found && found.EphemeralOwner == session.SessionId,
                    $"{ephemeral} on member {id}: {(stat is null ? "missing" : $"owned by 0x{stat.Value.EphemeralOwner:x}")}, expected session 0x{session.SessionId:x}\n{session.Transcript}\n{ensemble.Report()}");
            }
        }
    }
}
