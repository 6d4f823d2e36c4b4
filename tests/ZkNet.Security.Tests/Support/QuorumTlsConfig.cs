namespace ZkNet.Security.Tests.Support;

/// <summary>
/// The zoo.cfg lines of quorum TLS, as an operator writes them for ZkNet and Apache ZooKeeper alike: the test CA's
/// member certificate (IP SAN 127.0.0.1, so hostname verification stays on) and a trust store holding the CA.
/// </summary>
public static class QuorumTlsConfig
{
    public static Dictionary<string, string> Settings(TestCertificates certs, bool sslQuorum, bool portUnification = false,
        string keyStore = "server.p12", string trustStore = "trust.p12") => new()
        {
            ["sslQuorum"] = sslQuorum ? "true" : "false",
            ["portUnification"] = portUnification ? "true" : "false",
            ["ssl.quorum.keyStore.location"] = certs.Path(keyStore),
            ["ssl.quorum.keyStore.password"] = TestCertificates.Password,
            ["ssl.quorum.trustStore.location"] = certs.Path(trustStore),
            ["ssl.quorum.trustStore.password"] = TestCertificates.Password,
        };

    /// <summary>The same settings as zoo.cfg lines.</summary>
    public static string Lines(TestCertificates certs, bool sslQuorum, bool portUnification = false,
        string keyStore = "server.p12", string trustStore = "trust.p12") =>
        string.Concat(Settings(certs, sslQuorum, portUnification, keyStore, trustStore).Select(kv => $"{kv.Key}={kv.Value}\n"));
}
