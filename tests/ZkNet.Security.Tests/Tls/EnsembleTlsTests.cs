using System.Globalization;
using System.Text;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Security.Tests.Support;
using ZkNet.Server.Pipeline;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Tls;

/// <summary>
/// Ensemble members serve TLS clients as a standalone server does: each member of a three-member ensemble binds its
/// secureClientPort, a TLS client writes through one member, and the write is read over TLS through another (with
/// the client certificate's x509 identity in the ACL, so the identity travels with the forwarded write).
/// </summary>
public sealed class EnsembleTlsTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zknet-tls-ensemble-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<ZkNetServer> _members = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Every_member_serves_TLS_clients_and_a_TLS_write_is_read_through_another_member()
    {
        var certs = await TestCertificates.GetAsync();
        var lines = new StringBuilder();
        for (var id = 1; id <= 3; id++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"server.{id}=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}\n");
        }
        for (var id = 1; id <= 3; id++)
        {
            var dir = Path.Combine(_root, "member" + id.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "myid"), id.ToString(CultureInfo.InvariantCulture) + "\n");
            _members.Add(await ZkNetServer.StartAsync(ZooCfgParser.Parse(
                $"tickTime=200\ninitLimit=10\nsyncLimit=5\ndataDir={dir}\nclientPort={FreePort.Next()}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n" +
                $"secureClientPort={FreePort.Next()}\nsecureClientPortAddress=127.0.0.1\n" +
                $"ssl.keyStore.location={certs.Path("server.p12")}\nssl.keyStore.password={TestCertificates.Password}\n" +
                $"ssl.trustStore.location={certs.Path("trust.p12")}\nssl.trustStore.password={TestCertificates.Password}\n" +
                "authProvider.x509=org.apache.zookeeper.server.auth.X509AuthenticationProvider\n" + lines, _root)));
        }
        Assert.All(_members, m => Assert.NotNull(m.SecureClientEndPoint));
        await WaitForServingAsync();

        var tls = Clients.Tls(certs, "client.p12");
        await using (var writer = await Clients.ConnectAsync(_members[0].SecureClientEndPoint!.Port, tls))
        {
            var mine = new Acl(Perms.All, new Id("x509", TestCertificates.ClientSubject));
            await writer.CreateAsync("/over-tls", Encoding.UTF8.GetBytes("secret"), [mine], CreateMode.Persistent);
        }
        await using var reader = await Clients.ConnectAsync(_members[2].SecureClientEndPoint!.Port, tls);
        await reader.SyncAsync("/over-tls");
        Assert.Equal("secret", Encoding.UTF8.GetString((await reader.GetDataAsync("/over-tls")).Data!));
        Assert.Equal(TestCertificates.ClientSubject, (await reader.GetAclAsync("/over-tls")).Acl.Single().Id.Identity);
    }

    private async Task WaitForServingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_members.All(m => m.Core.IsServing) || _members.Count(m => m.Core.Role == ServerRole.Leading) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ensemble did not settle: " + string.Join(", ", _members.Select(m => m.Core.ModeName)));
            // A condition over three members' state, polled: no single event says "the ensemble agrees".
            await Task.Delay(20);
        }
    }
}
