using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ZkNet.Client;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Tls;

/// <summary>
/// ssl.crl / ssl.ocsp: with revocation checking on, a client certificate its CA has revoked (listed in the CRL its
/// distribution point names, served here on loopback) is refused at the handshake, an unrevoked one is let in, and
/// with checking off (ZooKeeper's default) the revoked one is let in too.
/// </summary>
public sealed class RevocationTests : IAsyncLifetime, IDisposable
{
    private const string Password = "secret";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zknet-crl-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpListener _crlServer = new();
    private int _crlFetches;
    private Task _serving = Task.CompletedTask;
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _good = null!;
    private X509Certificate2 _revoked = null!;
    private X509Certificate2 _revokedServer = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var crlPort = FreePort.Next();
        var crlUrl = $"http://127.0.0.1:{crlPort}/ca-{Guid.NewGuid():N}.crl";
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ZkNet Revocation Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        _ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        var server = Issue("CN=localhost", 1, crlUrl, serverAuth: true);
        _good = Issue("CN=good,O=ZkNet", 2, crlUrl, serverAuth: false);
        _revoked = Issue("CN=revoked,O=ZkNet", 3, crlUrl, serverAuth: false);
        _revokedServer = Issue("CN=localhost", 4, crlUrl, serverAuth: true);
        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(_revoked, now.AddHours(-1));
        crl.AddEntry(_revokedServer, now.AddHours(-1));
        var crlBytes = crl.Build(_ca, 1, now.AddDays(1), HashAlgorithmName.SHA256, null, now.AddMinutes(-5));
        File.WriteAllBytes(Path.Combine(_dir, "server.p12"), server.Export(X509ContentType.Pkcs12, Password));
        File.WriteAllBytes(Path.Combine(_dir, "revoked-server.p12"), _revokedServer.Export(X509ContentType.Pkcs12, Password));
        File.WriteAllText(Path.Combine(_dir, "ca.pem"), _ca.ExportCertificatePem());

        _crlServer.Prefixes.Add($"http://127.0.0.1:{crlPort}/");
        _crlServer.Start();
        _serving = Task.Run(async () =>
        {
            while (_crlServer.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _crlServer.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref _crlFetches);
                context.Response.ContentType = "application/pkix-crl";
                await context.Response.OutputStream.WriteAsync(crlBytes);
                context.Response.Close();
            }
        });
        return Task.CompletedTask;

        X509Certificate2 Issue(string subject, byte serial, string distributionPoint, bool serverAuth)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([distributionPoint]));
            using var issued = request.Create(_ca, now.AddDays(-1), now.AddDays(1), [serial]);
            return issued.CopyWithPrivateKey(key);
        }
    }

    public async Task DisposeAsync()
    {
        _crlServer.Stop();
        _crlServer.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        Directory.Delete(_dir, recursive: true);
    }

    public void Dispose() => ((IDisposable)_crlServer).Dispose();

    [Fact]
    public async Task With_ssl_crl_a_revoked_client_certificate_is_refused_and_an_unrevoked_one_served()
    {
        var (server, port) = await StartAsync(crl: true);
        await using (server)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(port, Tls(_revoked), TimeSpan.FromSeconds(3)));
            await using var good = await Clients.ConnectAsync(port, Tls(_good));
            Assert.NotNull(await good.ExistsAsync("/"));
            Assert.True(Volatile.Read(ref _crlFetches) > 0, "the server never fetched the CRL");
        }
    }

    [Fact]
    public async Task Without_it_revocation_is_not_checked_as_in_ZooKeeper()
    {
        var (server, port) = await StartAsync(crl: false);
        await using (server)
        {
            await using var revoked = await Clients.ConnectAsync(port, Tls(_revoked));
            Assert.NotNull(await revoked.ExistsAsync("/"));
            Assert.Equal(0, Volatile.Read(ref _crlFetches));
        }
    }

    [Fact]
    public async Task A_client_checking_revocation_refuses_a_server_whose_certificate_is_revoked_and_trusts_a_good_one()
    {
        var (revokedServer, revokedPort) = await StartAsync(crl: false, keyStore: "revoked-server.p12");
        await using (revokedServer)
        {
            // Unchecked (ZooKeeper's default) the revoked server is trusted; checked, the handshake fails.
            await using (var trusting = await Clients.ConnectAsync(revokedPort, Tls(_good)))
            {
                Assert.NotNull(await trusting.ExistsAsync("/"));
            }
            await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(revokedPort, Tls(_good) with { CheckRevocation = true }, TimeSpan.FromSeconds(3)));
            Assert.True(Volatile.Read(ref _crlFetches) > 0, "the client never fetched the CRL");
        }
        var (server, port) = await StartAsync(crl: false);
        await using (server)
        {
            await using var checking = await Clients.ConnectAsync(port, Tls(_good) with { CheckRevocation = true });
            Assert.NotNull(await checking.ExistsAsync("/"));
        }
    }

    private async Task<(ServerProcess Server, int Port)> StartAsync(bool crl, string keyStore = "server.p12")
    {
        var port = FreePort.Next();
        var server = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions
        {
            Config = new Dictionary<string, string>
            {
                ["secureClientPort"] = port.ToString(CultureInfo.InvariantCulture),
                ["secureClientPortAddress"] = "127.0.0.1",
            },
            SystemProperties = new Dictionary<string, string>
            {
                ["zookeeper.ssl.keyStore.location"] = Path.Combine(_dir, keyStore),
                ["zookeeper.ssl.keyStore.password"] = Password,
                ["zookeeper.ssl.trustStore.location"] = Path.Combine(_dir, "ca.pem"),
                ["zookeeper.ssl.trustStore.type"] = "PEM",
                ["zookeeper.ssl.crl"] = crl ? "true" : "false",
            },
        });
        return (server, port);
    }

    private ZooKeeperTlsOptions Tls(X509Certificate2 client) => new()
    {
        ClientCertificate = client,
        TrustedCertificates = [_ca],
    };
}
