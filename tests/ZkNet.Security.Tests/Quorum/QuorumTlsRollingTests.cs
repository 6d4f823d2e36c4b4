using ZkNet.Ensemble.Tests;
using ZkNet.Protocol.Records;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Quorum;

/// <summary>
/// Apache ZooKeeper's documented way to move a running ensemble to quorum TLS without downtime, on ZkNet members:
/// restart each member with portUnification=true (and the stores), then each with sslQuorum=true, then each with
/// portUnification=false. Between any two restarts the ensemble serves, and a write then made is read on every member.
/// At the end the quorum ports take TLS only.
/// </summary>
public sealed class QuorumTlsRollingTests
{
    [Fact]
    public async Task A_plain_ensemble_moved_to_TLS_member_by_member_keeps_serving_writes()
    {
        var certs = await TestCertificates.GetAsync();
        await using var ensemble = new EnsembleHarness(3);
        await ensemble.StartAllAsync();
        await ensemble.WaitForQuorumAsync();
        var writes = new List<string>();
        await WriteAndReadEverywhereAsync(ensemble, writes, "plain");

        var logs = new Dictionary<long, LineLog>();
        (bool SslQuorum, bool PortUnification)[] steps = [(false, true), (true, true), (true, false)];
        foreach (var (sslQuorum, portUnification) in steps)
        {
            foreach (var id in ensemble.Ids)
            {
                await ensemble.StopAsync(id);
                await ensemble.StartAsync(id, QuorumTlsConfig.Lines(certs, sslQuorum, portUnification), logs[id] = new LineLog());
                await ensemble.WaitForQuorumAsync();
                await WriteAndReadEverywhereAsync(ensemble, writes, $"ssl-{sslQuorum}-unified-{portUnification}-after-{id}");
            }
        }

        // Now TLS only: a plaintext peer is refused.
        var leader = await ensemble.WaitForQuorumAsync();
        using (var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", ensemble.QuorumPort(leader));
            await socket.SendAsync(new byte[] { 0, 0, 0, 11 });
            await logs[leader].WaitForAsync(l => l.Contains("Refused a plaintext connection on the quorum port", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A write through a member chosen by the step, then every write so far read through every member.</summary>
    private static async Task WriteAndReadEverywhereAsync(EnsembleHarness ensemble, List<string> writes, string step)
    {
        var path = $"/{step}";
        await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(1 + (writes.Count % 3))))
        {
            await writer.CreateAsync(path, null, Acl.OpenAclUnsafe);
        }
        writes.Add(path);
        foreach (var id in ensemble.Ids)
        {
            await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/");
            foreach (var written in writes)
            {
                Assert.True(await reader.ExistsAsync(written) is not null, $"{written} missing on member {id} after step {step}");
            }
        }
    }
}
