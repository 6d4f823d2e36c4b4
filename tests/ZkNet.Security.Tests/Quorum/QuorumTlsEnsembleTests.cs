using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ZkNet.Ensemble.Tests;
using ZkNet.Protocol.Records;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Quorum;

/// <summary>
/// ZkNet members with sslQuorum=true (Apache ZooKeeper's quorum TLS): the ensemble elects and replicates over TLS;
/// a member that trusts the wrong CA, or speaks plain TCP, cannot join while the others keep serving; and the
/// quorum ports really speak TLS: a plain handshake on them is refused, a TLS one with the member certificate is not.
/// </summary>
public sealed class QuorumTlsEnsembleTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Members_with_sslQuorum_elect_and_replicate_a_write_to_every_member()
    {
        await using var ensemble = new EnsembleHarness(3);
        var logs = await StartWithTlsAsync(ensemble);
        var leader = await ensemble.WaitForQuorumAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(follower)))
        {
            await writer.CreateAsync("/over-quorum-tls", Encoding.UTF8.GetBytes("replicated"), Acl.OpenAclUnsafe);
        }
        foreach (var id in ensemble.Ids)
        {
            await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(id));
            await reader.SyncAsync("/");
            Assert.Equal("replicated", Encoding.UTF8.GetString((await reader.GetDataAsync("/over-quorum-tls")).Data!));
        }
        Assert.All(logs.Values, log => Assert.Contains(log.Lines, l => l.Contains("Quorum TLS: sslQuorum=True", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_member_trusting_another_CA_cannot_join_while_the_others_keep_a_quorum()
    {
        var certs = await TestCertificates.GetAsync();
        await using var ensemble = new EnsembleHarness(3);
        await ensemble.StartAsync(1, QuorumTlsConfig.Lines(certs, sslQuorum: true));
        await ensemble.StartAsync(2, QuorumTlsConfig.Lines(certs, sslQuorum: true));
        var rogue = new LineLog();
        await ensemble.StartAsync(3, QuorumTlsConfig.Lines(certs, sslQuorum: true, trustStore: "rogue-ca.pem"), rogue);

        await ensemble.WaitForQuorumAsync(members: [1, 2]);
        // Member 3 refuses its peers' certificates, whichever side opens the connection.
        await rogue.WaitForAsync(l => l.Contains("TLS handshake", StringComparison.Ordinal), LogWait);
        await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(1)))
        {
            await writer.CreateAsync("/without-3", null, Acl.OpenAclUnsafe);
        }
        await using (var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(2)))
        {
            await reader.SyncAsync("/");
            Assert.NotNull(await reader.ExistsAsync("/without-3"));
        }
        Assert.False(ensemble.Member(3).Core.IsServing, "member 3 joined although it trusts none of its peers' certificates");
    }

    [Fact]
    public async Task With_sslQuorumReloadCertFiles_a_member_whose_key_store_is_replaced_joins_without_a_restart()
    {
        var certs = await TestCertificates.GetAsync();
        var dir = Path.Combine(Path.GetTempPath(), "zknet-quorum-reload-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            // Member 3 starts with a certificate from a CA its peers do not trust: it stays out while 1 and 2 serve.
            var keyStore = Path.Combine(dir, "member3.p12");
            File.Copy(certs.Path("rogue.p12"), keyStore);
            await using var ensemble = new EnsembleHarness(3);
            var (one, two, third) = (new LineLog(), new LineLog(), new LineLog());
            await ensemble.StartAsync(1, QuorumTlsConfig.Lines(certs, sslQuorum: true), one);
            await ensemble.StartAsync(2, QuorumTlsConfig.Lines(certs, sslQuorum: true), two);
            await ensemble.StartAsync(3, QuorumTlsConfig.Lines(certs, sslQuorum: true, keyStore: keyStore) + "sslQuorumReloadCertFiles=true\n", third);
            await ensemble.WaitForQuorumAsync(members: [1, 2]);
            // Member 3 dials its peers (the larger sid keeps the connection), and they refuse its certificate. (Under
            // TLS 1.3 the dialler's own handshake completes before the server checks its certificate, so the refusal
            // is in the peers' logs, not always in member 3's.)
            bool Refused(string line) => line.Contains("TLS handshake on the", StringComparison.Ordinal);
            await await Task.WhenAny(one.WaitForAsync(Refused, LogWait), two.WaitForAsync(Refused, LogWait));
            await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(1)))
            {
                await writer.CreateAsync("/before-the-new-certificate", null, Acl.OpenAclUnsafe);
            }
            Assert.False(ensemble.Member(3).Core.IsServing, "member 3 joined with a certificate its peers do not trust");

            // The certificate is renewed in place, as a rotation does: member 3 loads it and its next connections use it.
            File.Copy(certs.Path("server.p12"), keyStore, overwrite: true);
            await third.WaitForAsync(l => l.Contains("Reloaded the quorum TLS key store", StringComparison.Ordinal), LogWait);
            await ensemble.WaitForQuorumAsync();
            await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(3));
            await reader.SyncAsync("/");
            Assert.NotNull(await reader.ExistsAsync("/before-the-new-certificate"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task With_sslQuorumReloadCertFiles_an_unreadable_replacement_is_logged_and_the_stores_in_use_stay()
    {
        var certs = await TestCertificates.GetAsync();
        var dir = Path.Combine(Path.GetTempPath(), "zknet-quorum-reload-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var keyStore = Path.Combine(dir, "member3.p12");
            File.Copy(certs.Path("server.p12"), keyStore);
            // Members 1 and 3 only: every quorum of the three needs both, so each new start needs new connections to 3.
            await using var ensemble = new EnsembleHarness(3);
            var third = new LineLog();
            await ensemble.StartAsync(3, QuorumTlsConfig.Lines(certs, sslQuorum: true, keyStore: keyStore) + "sslQuorumReloadCertFiles=true\n", third);
            await ensemble.StartAsync(1, QuorumTlsConfig.Lines(certs, sslQuorum: true));
            await ensemble.WaitForQuorumAsync(members: [1, 3]);

            // A copy caught half way: not a store. Member 3 says so and keeps the certificate it has.
            await File.WriteAllTextAsync(keyStore, "not a PKCS12 store");
            await third.WaitForAsync(l => l.Contains("Could not reload the quorum TLS stores", StringComparison.Ordinal), LogWait);
            await ensemble.StopAsync(1);
            await ensemble.StartAsync(1, QuorumTlsConfig.Lines(certs, sslQuorum: true));
            await ensemble.WaitForQuorumAsync(members: [1, 3]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_plaintext_peer_is_refused_with_a_log_line_and_joins_once_it_speaks_TLS()
    {
        var certs = await TestCertificates.GetAsync();
        await using var ensemble = new EnsembleHarness(3);
        // The plain member first: 1 and 2 then dial it (with TLS) while they elect, not only before it listens.
        var plain = new LineLog();
        await ensemble.StartAsync(3, logs: plain);
        var tlsOnly = new LineLog();
        await ensemble.StartAsync(1, QuorumTlsConfig.Lines(certs, sslQuorum: true), tlsOnly);
        await ensemble.StartAsync(2, QuorumTlsConfig.Lines(certs, sslQuorum: true));

        await ensemble.WaitForQuorumAsync(members: [1, 2]);
        // Member 3 (the larger sid) dials 1 and 2 in plain TCP: refused, and said so.
        await tlsOnly.WaitForAsync(l => l.Contains("Refused a plaintext connection on the election port", StringComparison.Ordinal), LogWait);
        // 1 and 2 dial 3 with TLS: the plain member says what it was sent.
        await plain.WaitForAsync(l => l.Contains("a TLS handshake: that member has sslQuorum=true", StringComparison.Ordinal), LogWait);
        await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(2)))
        {
            await writer.CreateAsync("/while-3-is-plain", null, Acl.OpenAclUnsafe);
        }
        Assert.False(ensemble.Member(3).Core.IsServing, "a plaintext member joined a TLS-only ensemble");

        // Still looking, not stuck: given TLS it joins and catches up.
        await ensemble.StopAsync(3);
        await ensemble.StartAsync(3, QuorumTlsConfig.Lines(certs, sslQuorum: true));
        await ensemble.WaitForQuorumAsync();
        await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(3));
        await reader.SyncAsync("/");
        Assert.NotNull(await reader.ExistsAsync("/while-3-is-plain"));
    }

    [Fact]
    public async Task A_TLS_only_member_refuses_a_plain_handshake_on_both_quorum_ports_and_answers_TLS_there()
    {
        var certs = await TestCertificates.GetAsync();
        await using var ensemble = new EnsembleHarness(3);
        var logs = await StartWithTlsAsync(ensemble);
        var leader = await ensemble.WaitForQuorumAsync();

        // An election handshake (protocol -65536, sid 9, address) and a learner's first packet type, in plain TCP.
        byte[] electionHello = [0xFF, 0xFF, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 13, .. "127.0.0.1:999"u8];
        await SendPlainAsync(ensemble.ElectionPort(leader), electionHello);
        await logs[leader].WaitForAsync(l => l.Contains("Refused a plaintext connection on the election port", StringComparison.Ordinal), LogWait);
        await SendPlainAsync(ensemble.QuorumPort(leader), [0, 0, 0, 11]);
        await logs[leader].WaitForAsync(l => l.Contains("Refused a plaintext connection on the quorum port", StringComparison.Ordinal), LogWait);

        // The same ports complete a TLS handshake with a member's certificate and show the member's.
        foreach (var port in new[] { ensemble.ElectionPort(leader), ensemble.QuorumPort(leader) })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            await using var tls = new SslStream(tcp.GetStream());
            var ca = X509CertificateLoader.LoadCertificateFromFile(certs.Path("ca.pem"));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(certs.Path("server.p12"), TestCertificates.Password)],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 c && c.Issuer == ca.Subject,
            });
            Assert.True(tls.IsAuthenticated && tls.IsMutuallyAuthenticated);
            Assert.Equal("CN=localhost", tls.RemoteCertificate!.Subject);
        }
        // The probes left the ensemble as it was.
        await ensemble.WaitForQuorumAsync();
    }

    [Fact]
    public async Task A_follower_too_far_behind_for_a_DIFF_is_synchronised_by_a_SNAP_streamed_over_TLS()
    {
        await using var ensemble = new EnsembleHarness(3);
        await StartWithTlsAsync(ensemble);
        var leader = await ensemble.WaitForQuorumAsync();
        var away = ensemble.Ids.First(id => id != leader);
        await ensemble.StopAsync(away);
        await using (var writer = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(leader)))
        {
            await writer.CreateAsync("/snap-tls", null, Acl.OpenAclUnsafe);
            // More than the leader's committed window (500 txns): the returning follower cannot be sent a DIFF.
            for (var batch = 0; batch < 8; batch++)
            {
                await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
                    writer.CreateAsync($"/snap-tls/n{batch * 100 + i}", Encoding.UTF8.GetBytes("v"), Acl.OpenAclUnsafe)));
            }
        }
        var snapsBefore = ensemble.Member(leader).MemberSnapCount();

        var certs = await TestCertificates.GetAsync();
        await ensemble.StartAsync(away, QuorumTlsConfig.Lines(certs, sslQuorum: true));
        await ensemble.WaitForQuorumAsync();

        Assert.True(ensemble.Member(leader).MemberSnapCount() > snapsBefore, "the follower was not synchronised by SNAP");
        await using var reader = await EnsembleHarness.ConnectAsync(ensemble.ConnectStringOf(away));
        Assert.Equal(800, (await reader.GetChildrenAsync("/snap-tls")).Count);
        Assert.Equal("v", Encoding.UTF8.GetString((await reader.GetDataAsync("/snap-tls/n799")).Data!));
    }

    /// <summary>Starts every member with sslQuorum=true; returns their logs.</summary>
    private static async Task<Dictionary<long, LineLog>> StartWithTlsAsync(EnsembleHarness ensemble)
    {
        var certs = await TestCertificates.GetAsync();
        var logs = ensemble.Ids.ToDictionary(id => id, _ => new LineLog());
        foreach (var id in ensemble.Ids)
        {
            await ensemble.StartAsync(id, QuorumTlsConfig.Lines(certs, sslQuorum: true), logs[id]);
        }
        return logs;
    }

    private static async Task SendPlainAsync(int port, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        await socket.SendAsync(bytes);
        // The member hangs up on it (FIN or reset) rather than waiting for more.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            Assert.Equal(0, await socket.ReceiveAsync(new byte[64], SocketFlags.None, timeout.Token));
        }
        catch (SocketException)
        {
        }
    }
}
