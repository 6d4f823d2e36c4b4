using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Tls;

/// <summary>
/// TLS on secureClientPort with clientAuth=need, the same expectations against ZkNet and Apache ZooKeeper 3.8: the
/// real Java client (Netty, zookeeper.client.secure), kazoo (use_ssl) and ZkNet.Client connect, read and write; the
/// client certificate's subject is the x509 identity in whoAmI and ACLs; the x509 super user passes every ACL; a
/// plaintext client, a client without a certificate and one whose certificate no trusted CA signed get no session.
/// </summary>
public abstract class TlsClientPortTests(SecureServerFixture server)
{
    private TestCertificates Certs => server.Certificates;

    private static string Node(string name) => $"/tls-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_Java_client_over_TLS_reads_writes_and_is_known_by_its_certificate_subject()
    {
        var (code, lines, error) = await JavaClient.RunAsync(Certs, server.SecurePort, "client.p12", Node("java"));

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal(["connected", "data hello", "whoami ip 127.0.0.1", $"whoami x509 {TestCertificates.ClientSubject}"],
            lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ZkNet_Client_over_TLS_reads_writes_and_sees_its_x509_identity()
    {
        await using var client = await Clients.ConnectAsync(server.SecurePort, Clients.Tls(Certs, "client.p12"));
        var path = await client.CreateAsync(Node("zknet"), "hi"u8.ToArray(), Acl.OpenAclUnsafe);

        var data = await client.GetDataAsync(path);
        var identities = await client.WhoAmIAsync();

        Assert.Equal("hi", Encoding.UTF8.GetString(data.Data));
        Assert.Contains(new ClientInfo("x509", TestCertificates.ClientSubject), identities);
    }

    [Fact]
    public async Task An_x509_acl_admits_its_certificate_and_the_super_user_and_refuses_a_plain_client()
    {
        var path = Node("acl");
        await using (var owner = await Clients.ConnectAsync(server.SecurePort, Clients.Tls(Certs, "client.p12")))
        {
            await owner.CreateAsync(path, "secret"u8.ToArray(), [new Acl(Perms.All, new Id("x509", TestCertificates.ClientSubject))]);
            Assert.Equal("secret", Encoding.UTF8.GetString((await owner.GetDataAsync(path)).Data));
        }
        await using var plain = await Clients.ConnectAsync(server.Server.Port, tls: null);
        await Assert.ThrowsAsync<NoAuthException>(() => plain.GetDataAsync(path));

        var (code, lines, error) = await JavaClient.RunAsync(Certs, server.SecurePort, "admin.p12", Node("admin"), path);

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains($"whoami x509 {TestCertificates.AdminSubject}", lines);
        // Apache ZooKeeper adds the super identity with an empty id.
        Assert.Contains("whoami super", lines);
        Assert.Contains($"read {path} 0", lines);
    }

    [Fact]
    public async Task Kazoo_with_use_ssl_reads_and_writes()
    {
        var script = $$"""
            import json, sys
            from kazoo.client import KazooClient
            zk = KazooClient(hosts=sys.argv[1], use_ssl=True, ca="{{Certs.Path("ca.pem")}}", certfile="{{Certs.Path("client.pem")}}",
                             keyfile="{{Certs.Path("client.key")}}", timeout=10)
            zk.start(timeout=10)
            path = zk.create("{{Node("kazoo")}}", b"via-kazoo")
            data, _ = zk.get(path)
            zk.stop()
            print(json.dumps({"data": data.decode()}))
            """;
        var result = await ExternalProcess.RunAsync(Kazoo.Python, ["-c", script, $"127.0.0.1:{server.SecurePort}"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"data\": \"via-kazoo\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plaintext_client_gets_no_session_on_the_secure_port()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(server.SecurePort, tls: null, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_client_certificate_from_an_untrusted_CA_is_refused_when_clientAuth_is_need()
    {
        var java = await JavaClient.RunAsync(Certs, server.SecurePort, "rogue.p12", Node("rogue"));

        Assert.Equal(3, java.ExitCode);
        Assert.Equal(["noconnect"], java.Lines);
        await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(server.SecurePort, Clients.Tls(Certs, "rogue.p12"), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_when_clientAuth_is_need()
    {
        var java = await JavaClient.RunAsync(Certs, server.SecurePort, clientStore: null, Node("anon"));

        Assert.Equal(3, java.ExitCode);
        await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(server.SecurePort, Clients.Tls(Certs, null), TimeSpan.FromSeconds(3)));
    }
}

/// <summary><see cref="TlsClientPortTests"/> against ZkNet.</summary>
public sealed class TlsClientPortTests_ZkNet(ZkNetSecureServer server) : TlsClientPortTests(server), IClassFixture<ZkNetSecureServer>;

/// <summary><see cref="TlsClientPortTests"/> against Apache ZooKeeper 3.8.</summary>
public sealed class TlsClientPortTests_Apache(ApacheSecureServer server) : TlsClientPortTests(server), IClassFixture<ApacheSecureServer>;
