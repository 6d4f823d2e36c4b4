using System.Security.Authentication;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;
using ZkNet.Protocol.Records;
using ZkNet.Security.Tests.Support;

namespace ZkNet.Security.Tests.Tls;

/// <summary>
/// The TLS settings one by one, on in-process ZkNet servers: clientAuth want, port unification, PEM stores,
/// protocols and cipher suites, and the stores ZkNet refuses (JKS, a wrong password) with the fix in the message.
/// </summary>
public sealed class TlsOptionsTests
{
    private static async Task<ZkNetServer> StartAsync(Func<TlsSettings, TlsSettings> configure)
    {
        var certs = await TestCertificates.GetAsync();
        var tls = configure(new TlsSettings
        {
            SecureClientPort = 0,
            SecureClientPortAddress = "127.0.0.1",
            KeyStore = new StoreSettings { Location = certs.Path("server.p12"), Password = TestCertificates.Password },
            TrustStore = new StoreSettings { Location = certs.Path("trust.p12"), Password = TestCertificates.Password },
        });
        return await ZkNetServer.StartAsync(new ServerConfig { ClientPort = 0, InMemory = true, Tls = tls });
    }

    [Fact]
    public async Task With_clientAuth_want_a_client_without_a_certificate_connects_without_an_x509_identity()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(t => t with { ClientAuth = ClientAuthMode.Want });

        await using var anonymous = await Clients.ConnectAsync(server.SecureClientEndPoint!.Port, Clients.Tls(certs, null));
        await using var known = await Clients.ConnectAsync(server.SecureClientEndPoint!.Port, Clients.Tls(certs, "client.p12"));

        Assert.DoesNotContain(await anonymous.WhoAmIAsync(), i => i.AuthScheme == "x509");
        Assert.Contains(new ClientInfo("x509", TestCertificates.ClientSubject), await known.WhoAmIAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => Clients.ConnectAsync(server.SecureClientEndPoint!.Port, Clients.Tls(certs, "rogue.p12"), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task With_port_unification_the_plain_port_serves_TLS_and_plaintext_clients()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(t => t with { SecureClientPort = null, PortUnification = true });

        await using var tls = await Clients.ConnectAsync(server.ClientEndPoint.Port, Clients.Tls(certs, "client.p12"));
        await using var plain = await Clients.ConnectAsync(server.ClientEndPoint.Port, tls: null);

        Assert.Null(server.SecureClientEndPoint);
        Assert.Contains(new ClientInfo("x509", TestCertificates.ClientSubject), await tls.WhoAmIAsync());
        Assert.DoesNotContain(await plain.WhoAmIAsync(), i => i.AuthScheme == "x509");
    }

    [Fact]
    public async Task PEM_key_and_trust_stores_work_like_PKCS12()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(t => t with
        {
            KeyStore = new StoreSettings { Location = certs.Path("server-bundle.pem"), Type = "PEM" },
            TrustStore = new StoreSettings { Location = certs.Path("ca.pem") },
        });

        await using var client = await Clients.ConnectAsync(server.SecureClientEndPoint!.Port, Clients.Tls(certs, "client.p12"));

        Assert.Contains(new ClientInfo("x509", TestCertificates.ClientSubject), await client.WhoAmIAsync());
    }

    [Fact]
    public async Task With_only_TLSv1_2_enabled_a_client_offering_only_TLSv1_3_is_refused()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(t => t with { EnabledProtocols = ["TLSv1.2"] });
        var port = server.SecureClientEndPoint!.Port;

        await using var tls12 = await Clients.ConnectAsync(port, Clients.Tls(certs, "client.p12") with { EnabledProtocols = SslProtocols.Tls12 });
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Clients.ConnectAsync(port, Clients.Tls(certs, "client.p12") with { EnabledProtocols = SslProtocols.Tls13 }, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_JKS_store_is_refused_with_the_keytool_command_that_converts_it()
    {
        var certs = await TestCertificates.GetAsync();
        var jks = certs.Path("trust.jks");

        var ex = await Assert.ThrowsAsync<StartupException>(() => StartAsync(t => t with { TrustStore = new StoreSettings { Location = jks, Password = "secret" } }));

        Assert.Equal($"ssl.trustStore.location {jks} is a JKS store, which ZkNet cannot read: convert it with `keytool -importkeystore " +
            $"-srckeystore {jks} -destkeystore {certs.Path("trust.p12")} -deststoretype PKCS12`, then set " +
            $"ssl.trustStore.location={certs.Path("trust.p12")} and ssl.trustStore.type=PKCS12", ex.Message);
    }

    [Fact]
    public async Task A_wrong_key_store_password_names_the_store_and_what_to_check()
    {
        var certs = await TestCertificates.GetAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => StartAsync(t => t with { KeyStore = t.KeyStore with { Password = "wrong" } }));

        Assert.StartsWith($"ssl.keyStore.location {certs.Path("server.p12")} cannot be read as PKCS12 (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("): check ssl.keyStore.password and ssl.keyStore.type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cipher_suite_is_refused_by_name()
    {
        var ex = await Assert.ThrowsAsync<StartupException>(() => StartAsync(t => t with { CipherSuites = ["TLS_AES_128_GCM_SHA256", "TLS_MADE_UP"] }));

        Assert.Equal("ssl.ciphersuites names 'TLS_MADE_UP', which is not a TLS cipher suite: use IANA names such as TLS_AES_128_GCM_SHA256", ex.Message);
    }

    [Fact]
    public async Task A_named_cipher_suite_list_is_what_the_server_negotiates()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(t => t with { EnabledProtocols = ["TLSv1.3"], CipherSuites = ["TLS_AES_256_GCM_SHA384"] });

        await using var client = await Clients.ConnectAsync(server.SecureClientEndPoint!.Port, Clients.Tls(certs, "client.p12"));

        Assert.NotEmpty(await client.WhoAmIAsync());
    }
}
