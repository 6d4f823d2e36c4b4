using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Quorum;

/// <summary>
/// zoo.cfg's quorum TLS keys read as ZooKeeper reads them, and a member whose quorum stores are unusable refused at
/// start with one line naming the key and the file.
/// </summary>
public sealed class QuorumTlsConfigTests
{
    [Fact]
    public void Quorum_TLS_keys_are_read_with_ZooKeepers_names_and_defaults()
    {
        var config = ZooCfgParser.Parse("""
            dataDir=/tmp/zk
            clientPort=2181
            sslQuorum=true
            portUnification=true
            ssl.quorum.keyStore.location=/k.p12
            zookeeper.ssl.quorum.clientAuth=want
            ssl.quorum.enabledProtocols=TLSv1.2
            ssl.quorum.ciphersuites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
            ssl.quorum.hostnameVerification=false
            ssl.quorum.handshakeDetectionTimeoutMillis=2500
            """, "/tmp");
        Assert.Equal(new QuorumTlsSettings
        {
            SslQuorum = true,
            PortUnification = true,
            ClientAuth = ClientAuthMode.Want,
            EnabledProtocols = config.QuorumTls.EnabledProtocols,
            CipherSuites = config.QuorumTls.CipherSuites,
            HostnameVerification = false,
            HandshakeDetectionTimeoutMs = 2500,
        }, config.QuorumTls);
        Assert.Equal(["TLSv1.2"], config.QuorumTls.EnabledProtocols);
        Assert.Equal(["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"], config.QuorumTls.CipherSuites);
        Assert.Empty(config.IgnoredKeys);
        // ZooKeeper's defaults: off, with need and hostname verification once on.
        var plain = ZooCfgParser.Parse("dataDir=/tmp/zk\nclientPort=2181\n", "/tmp").QuorumTls;
        Assert.Equal((false, false, ClientAuthMode.Need, true, 5000),
            (plain.SslQuorum, plain.PortUnification, plain.ClientAuth, plain.HostnameVerification, plain.HandshakeDetectionTimeoutMs));
    }

    [Theory]
    [InlineData("sslQuorum=true\n", "zoo.cfg line 3: sslQuorum: sslQuorum=true needs ssl.quorum.keyStore.location")]
    [InlineData("portUnification=true\n", "zoo.cfg line 3: portUnification: portUnification=true needs ssl.quorum.keyStore.location")]
    [InlineData("sslQuorum=yes\n", "zoo.cfg line 3: sslQuorum: invalid option 'yes': choose 'true' or 'false'")]
    [InlineData("sslQuorum=true\nssl.quorum.keyStore.location=/k\nssl.quorum.protocol=TLSv1\n", "zoo.cfg line 5: ssl.quorum.protocol: unsupported protocol 'TLSv1'")]
    public void Incomplete_or_invalid_quorum_TLS_settings_are_refused(string lines, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse("dataDir=/tmp/zk\nclientPort=2181\n" + lines, "/tmp"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "ssl.quorum.keyStore.location {dir}/missing.p12 does not exist")]
    [InlineData("password", "ssl.quorum.keyStore.location {dir}/server.p12 cannot be read as PKCS12")]
    [InlineData("jks", "ssl.quorum.keyStore.location {dir}/trust.jks is a JKS store, which ZkNet cannot read")]
    [InlineData("truststore", "ssl.quorum.trustStore.location {dir}/missing-trust.p12 does not exist")]
    public async Task A_member_with_an_unusable_quorum_store_is_refused_at_start_naming_key_and_file(string problem, string message)
    {
        var certs = await TestCertificates.GetAsync();
        var settings = QuorumTlsConfig.Settings(certs, sslQuorum: true);
        switch (problem)
        {
            case "missing":
                settings["ssl.quorum.keyStore.location"] = certs.Path("missing.p12");
                break;
            case "password":
                settings["ssl.quorum.keyStore.password"] = "wrong";
                break;
            case "jks":
                settings["ssl.quorum.keyStore.location"] = certs.Path("trust.jks");
                break;
            default:
                settings["ssl.quorum.trustStore.location"] = certs.Path("missing-trust.p12");
                break;
        }
        var dir = Path.Combine(Path.GetTempPath(), "zknet-qtls-bad-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "myid"), "1\n");
            var config = ZooCfgParser.Parse(
                $"tickTime=200\ndataDir={dir}\nclientPort={FreePort.Next()}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n" +
                $"server.1=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}\nserver.2=127.0.0.1:{FreePort.Next()}:{FreePort.Next()}\n" +
                string.Concat(settings.Select(kv => $"{kv.Key}={kv.Value}\n")), dir);
            var error = await Assert.ThrowsAsync<StartupException>(async () => await ZkNetServer.StartAsync(config));
            Assert.StartsWith(message.Replace("{dir}", certs.Directory, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
