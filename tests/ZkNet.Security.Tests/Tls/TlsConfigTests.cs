using ZkNet.Hosting.Configuration;

namespace ZkNet.Security.Tests.Tls;

/// <summary>The client-port TLS keys as zoo.cfg spells them, and the values refused with the line and the fix.</summary>
public sealed class TlsConfigTests
{
    private static ServerConfig Parse(string extra) => ZooCfgParser.Parse($"dataDir=/tmp/zk\nclientPort=2181\n{extra}", "/tmp");

    [Fact]
    public void The_client_port_tls_keys_are_read_with_or_without_the_zookeeper_prefix()
    {
        var config = Parse("""
            secureClientPort=2281
            secureClientPortAddress=127.0.0.1
            zookeeper.client.portUnification=true
            ssl.keyStore.location=/k.p12
            zookeeper.ssl.keyStore.password=kp
            ssl.keyStore.type=PKCS12
            ssl.trustStore.location=/t.pem
            ssl.trustStore.passwordPath=/pw
            ssl.clientAuth=want
            ssl.protocol=TLSv1.2
            ssl.enabledProtocols=TLSv1.2, TLSv1.3
            ssl.ciphersuites=TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
            ssl.hostnameVerification=false
            zookeeper.X509AuthenticationProvider.superUser=CN=admin
            authProvider.x509=org.apache.zookeeper.server.auth.X509AuthenticationProvider
            ssl.quorum.hostnameVerification=false
            """);

        var tls = config.Tls;
        Assert.Equal((2281, "127.0.0.1", true), (tls.SecureClientPort, tls.SecureClientPortAddress, tls.PortUnification));
        Assert.Equal(new StoreSettings { Location = "/k.p12", Password = "kp", Type = "PKCS12" }, tls.KeyStore);
        Assert.Equal(new StoreSettings { Location = "/t.pem", PasswordPath = "/pw" }, tls.TrustStore);
        Assert.Equal(ClientAuthMode.Want, tls.ClientAuth);
        Assert.Equal("TLSv1.2", tls.Protocol);
        Assert.Equal(["TLSv1.2", "TLSv1.3"], tls.EnabledProtocols);
        Assert.Equal(["TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], tls.CipherSuites);
        Assert.False(tls.HostnameVerification);
        Assert.Equal("CN=admin", tls.X509SuperUser);
        // ssl.quorum.* is the ensemble's own (QuorumTlsConfigTests): it leaves the client port's settings alone.
        Assert.False(config.QuorumTls.HostnameVerification);
        Assert.Empty(config.IgnoredKeys);
        Assert.Empty(config.UnknownKeys);
    }

    [Theory]
    [InlineData("secureClientPort=2281\nssl.keyStore.location=/k\nssl.clientAuth=maybe\n", "zoo.cfg line 5: ssl.clientAuth: invalid option 'maybe': choose none, want or need")]
    [InlineData("secureClientPort=2281\nssl.keyStore.location=/k\nssl.protocol=SSLv3\n", "zoo.cfg line 5: ssl.protocol: unsupported protocol 'SSLv3': choose TLSv1.2 or TLSv1.3 (older ones are insecure)")]
    [InlineData("secureClientPort=2281\nssl.keyStore.location=/k\nssl.hostnameVerification=yes\n", "zoo.cfg line 5: ssl.hostnameVerification: invalid option 'yes': choose 'true' or 'false'")]
    [InlineData("secureClientPort=2281\n", "zoo.cfg line 3: secureClientPort: TLS on the client port needs ssl.keyStore.location (the server's certificate and key)")]
    [InlineData("secureClientPort=70000\nssl.keyStore.location=/k\n", "zoo.cfg line 3: secureClientPort: port out of range: 70000")]
    [InlineData("secureClientPortAddress=127.0.0.1\n", "zoo.cfg line 3: secureClientPortAddress: secureClientPortAddress is set but secureClientPort is not set")]
    public void A_bad_tls_value_is_refused_with_its_line_and_the_choices(string extra, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(extra));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Without_a_secure_port_or_port_unification_tls_is_off_whatever_ssl_keys_say()
    {
        var config = Parse("ssl.keyStore.location=/k.p12\n");

        Assert.False(config.Tls.Enabled);
    }
}
