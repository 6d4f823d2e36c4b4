using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Security;

/// <summary>
/// Reads ssl.keyStore and ssl.trustStore files in the formats ZooKeeper takes: PKCS12 and PEM. A JKS store (Java's
/// own format, which .NET cannot read) is refused with the keytool command that converts it. Every problem is one
/// line naming the setting, the file and the fix.
/// </summary>
public static class CertificateStores
{
    private static readonly byte[] JksMagic = [0xFE, 0xED, 0xFE, 0xED];

    /// <summary>Loads the certificate with a private key from <paramref name="store"/> (ssl.keyStore.*), with any chain certificates.</summary>
    /// <exception cref="StartupException">The store is missing, unreadable, of an unsupported type, or holds no key.</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) LoadKeyStore(StoreSettings store, string prefix = "ssl.keyStore")
    {
        ArgumentNullException.ThrowIfNull(store);
        var (path, password, type) = Open(store, prefix);
        try
        {
            if (type == "PEM")
            {
                var all = new X509Certificate2Collection();
                all.ImportFromPemFile(path);
                var text = File.ReadAllText(path);
                var first = all.Count > 0 ? all[0] : throw new StartupException($"{prefix}.location {path} holds no certificate: put the certificate and its key in the PEM file");
                var keyed = text.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal)
                    ? X509Certificate2.CreateFromEncryptedPemFile(path, password ?? "", path)
                    : X509Certificate2.CreateFromPemFile(path, path);
                // An ephemeral key cannot be used by SslStream on every platform; a PKCS12 round trip makes it a real one.
                var usable = X509CertificateLoader.LoadPkcs12(keyed.Export(X509ContentType.Pkcs12), null);
                all.RemoveAt(0);
                first.Dispose();
                return (usable, all);
            }
            var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password);
            var withKey = collection.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new StartupException($"{prefix}.location {path} holds no private key: a key store needs the server's certificate with its key");
            collection.Remove(withKey);
            return (withKey, collection);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new StartupException($"{prefix}.location {path} cannot be read as {type} ({ex.Message}): check {prefix}.password and {prefix}.type", ex);
        }
    }

    /// <summary>Loads every certificate of <paramref name="store"/> (ssl.trustStore.*) as trust anchors.</summary>
    /// <exception cref="StartupException">The store is missing, unreadable, of an unsupported type, or empty.</exception>
    public static X509Certificate2Collection LoadTrustStore(StoreSettings store, string prefix = "ssl.trustStore")
    {
        ArgumentNullException.ThrowIfNull(store);
        var (path, password, type) = Open(store, prefix);
        var collection = new X509Certificate2Collection();
        try
        {
            if (type == "PEM")
            {
                collection.ImportFromPemFile(path);
            }
            else
            {
                collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new StartupException($"{prefix}.location {path} cannot be read as {type} ({ex.Message}): check {prefix}.password and {prefix}.type", ex);
        }
        return collection.Count > 0 ? collection
            : throw new StartupException($"{prefix}.location {path} holds no certificate: add the CA certificates clients are signed by");
    }

    private static (string Path, string? Password, string Type) Open(StoreSettings store, string prefix)
    {
        var path = store.Location ?? throw new StartupException($"{prefix}.location is not set: name the store file in zoo.cfg");
        if (!File.Exists(path))
        {
            throw new StartupException($"{prefix}.location {path} does not exist: fix the path in zoo.cfg");
        }
        var password = store.Password;
        if (store.PasswordPath is { } passwordPath)
        {
            try
            {
                // ZooKeeper reads the whole file as the password, without its line end.
                password = File.ReadAllText(passwordPath).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"{prefix}.passwordPath {passwordPath} cannot be read ({ex.Message}): fix the path or its permissions", ex);
            }
        }
        var type = TypeOf(store.Type, path);
        if (type == "JKS" || IsJks(path))
        {
            var target = Path.ChangeExtension(path, ".p12");
            throw new StartupException($"{prefix}.location {path} is a JKS store, which ZkNet cannot read: convert it with " +
                $"`keytool -importkeystore -srckeystore {path} -destkeystore {target} -deststoretype PKCS12`, then set {prefix}.location={target} and {prefix}.type=PKCS12");
        }
        if (type is not ("PKCS12" or "PEM"))
        {
            throw new StartupException($"{prefix}.type {store.Type} is not supported: use PKCS12 or PEM");
        }
        return (path, password, type);
    }

    private static string TypeOf(string? configured, string path)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.ToUpperInvariant();
        }
        // ZooKeeper's guess from the file name (KeyStoreFileType.fromFilename), PKCS12 when it says nothing.
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jks" => "JKS",
            ".pem" or ".crt" or ".cer" or ".key" => "PEM",
            _ => "PKCS12",
        };
    }

    private static bool IsJks(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return file.Read(head) == 4 && head.SequenceEqual(JksMagic);
    }
}
