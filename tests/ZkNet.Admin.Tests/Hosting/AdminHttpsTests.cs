using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ZkNet.Admin.Tests.Support;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Admin.Tests.Hosting;

/// <summary>
/// HTTPS on the admin port as ZooKeeper configures it: admin.forceHttps (TLS only, HSTS), admin.portUnification
/// (HTTP and HTTPS on one port), admin.needClientAuth, with the certificate from ssl.quorum.keyStore.* as
/// ZooKeeper's JettyAdminServer takes it.
/// </summary>
public sealed class AdminHttpsTests : IDisposable
{
    private readonly AdminCertificates _certs = AdminCertificates.Make();

    public void Dispose() => _certs.Dispose();

    [Fact]
    public async Task Force_https_serves_commands_over_TLS_with_HSTS_and_refuses_plain_HTTP()
    {
        await using var server = await StartAsync(a => a with { ForceHttps = true });
        var port = server.AdminEndPoint!.Port;
        using (var https = Client(clientCertificate: null))
        using (var response = await https.GetAsync(new Uri($"https://127.0.0.1:{port}/commands/ruok")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("max-age=86400; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => AdminHttp.GetAsync(port, "/commands/ruok"));
    }

    [Fact]
    public async Task Port_unification_serves_HTTP_and_HTTPS_on_the_same_port()
    {
        await using var server = await StartAsync(a => a with { PortUnification = true });
        var port = server.AdminEndPoint!.Port;
        using var https = Client(clientCertificate: null);
        using var secure = await https.GetAsync(new Uri($"https://127.0.0.1:{port}/commands/ruok"));
        using var plain = await AdminHttp.GetAsync(port, "/commands/ruok");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Need_client_auth_admits_only_a_client_certificate_the_trust_store_accepts()
    {
        await using var server = await StartAsync(a => a with { ForceHttps = true, NeedClientAuth = true });
        var url = new Uri($"https://127.0.0.1:{server.AdminEndPoint!.Port}/commands/ruok");
        using (var anonymous = Client(clientCertificate: null))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.GetAsync(url));
        }
        using var admin = Client(_certs.Client);
        using var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_without_a_quorum_key_store_stops_startup_with_the_key_to_set()
    {
        var ex = await Assert.ThrowsAsync<StartupException>(() => InProcessServer.StartAsync(c => c with { Admin = c.Admin with { ForceHttps = true } }));
        Assert.Contains("ssl.quorum.keyStore.location", ex.Message, StringComparison.Ordinal);
    }

    private Task<ZkNetServer> StartAsync(Func<AdminServerOptions, AdminServerOptions> admin) => InProcessServer.StartAsync(c => c with
    {
        Admin = admin(c.Admin),
        QuorumKeyStore = new StoreSettings { Location = _certs.KeyStore, Password = AdminCertificates.Password, Type = "PKCS12" },
        QuorumTrustStore = new StoreSettings { Location = _certs.TrustStore, Password = AdminCertificates.Password, Type = "PKCS12" },
    });

    /// <summary>An HTTPS client that trusts the test CA (and presents <paramref name="clientCertificate"/> when given).</summary>
    private HttpClient Client(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_certs.Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 presented && chain.Build(presented);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }
}
