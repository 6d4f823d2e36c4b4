using System.Security.Authentication;
using ZkNet.Client;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Security;
using ZkNet.Hosting.Startup;

namespace ZkNet.Cli.Shell;

/// <summary>
/// zkCli's <c>-client-configuration FILE</c>: a Java properties file with the client's ZooKeeper settings. Read here:
/// zookeeper.client.secure and the zookeeper.ssl.* client settings (keyStore, trustStore, hostnameVerification,
/// enabledProtocols, crl, ocsp), which turn into <see cref="ZooKeeperTlsOptions"/>. The zookeeper. prefix is optional.
/// </summary>
internal static class ClientConfiguration
{
    /// <summary>The TLS options the file asks for (null: plain text).</summary>
    /// <exception cref="StartupException">The file or a store it names cannot be used; the message says which and why.</exception>
    public static ZooKeeperTlsOptions? Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"-client-configuration {path} cannot be read: {ex.Message}", ex);
        }
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in JavaProperties.Read(text))
        {
            // The last definition wins, as java.util.Properties has it.
            settings[ZooCfgKeys.WithoutPrefix(entry.Key)] = entry.Value;
        }
        string? Get(string key) => settings.TryGetValue(key, out var value) ? value : null;
        if (!string.Equals(Get("client.secure"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        StoreSettings Store(string prefix) => new()
        {
            Location = Get(prefix + ".location"),
            Password = Get(prefix + ".password"),
            PasswordPath = Get(prefix + ".passwordPath"),
            Type = Get(prefix + ".type"),
        };
        var keyStore = Store("ssl.keyStore");
        var trustStore = Store("ssl.trustStore");
        var protocols = TlsProtocols.Parse(new TlsSettings
        {
            Protocol = Get("ssl.protocol"),
            EnabledProtocols = Get("ssl.enabledProtocols")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        });
        return new ZooKeeperTlsOptions
        {
            ClientCertificate = keyStore.Location is null ? null : CertificateStores.LoadKeyStore(keyStore, "zookeeper.ssl.keyStore").Certificate,
            TrustedCertificates = trustStore.Location is null ? null : CertificateStores.LoadTrustStore(trustStore, "zookeeper.ssl.trustStore"),
            VerifyHostname = !string.Equals(Get("ssl.hostnameVerification"), "false", StringComparison.OrdinalIgnoreCase),
            EnabledProtocols = protocols == (SslProtocols.Tls12 | SslProtocols.Tls13) ? SslProtocols.None : protocols,
            // ZooKeeper's client turns on the PKIX checker's revocation with either key (Boolean.parseBoolean).
            CheckRevocation = IsTrue(Get("ssl.crl")) || IsTrue(Get("ssl.ocsp")),
        };
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
