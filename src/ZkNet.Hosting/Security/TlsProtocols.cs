using System.Net.Security;
using System.Security.Authentication;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Security;

/// <summary>ssl.protocol, ssl.enabledProtocols and ssl.ciphersuites as .NET's TLS options.</summary>
public static class TlsProtocols
{
    /// <summary>The protocols to offer: ssl.enabledProtocols, else ssl.protocol, else TLS 1.3 and 1.2.</summary>
    /// <exception cref="StartupException">A protocol other than TLSv1.2 and TLSv1.3 is named.</exception>
    public static SslProtocols Parse(TlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Parse(settings.Protocol, settings.EnabledProtocols);
    }

    /// <summary>The protocols to offer: <paramref name="enabledProtocols"/>, else <paramref name="protocol"/>, else TLS 1.3 and 1.2.</summary>
    /// <exception cref="StartupException">A protocol other than TLSv1.2 and TLSv1.3 is named.</exception>
    public static SslProtocols Parse(string? protocol, IReadOnlyList<string>? enabledProtocols)
    {
        var names = enabledProtocols ?? (protocol is { } one ? [one] : null);
        if (names is null)
        {
            return SslProtocols.Tls12 | SslProtocols.Tls13;
        }
        var protocols = SslProtocols.None;
        foreach (var name in names)
        {
            protocols |= name switch
            {
                "TLSv1.2" => SslProtocols.Tls12,
                "TLSv1.3" or "TLS" => SslProtocols.Tls13,
                _ => throw new StartupException($"ssl protocol '{name}' is not supported: choose TLSv1.2 or TLSv1.3 (older ones are insecure)"),
            };
        }
        return protocols;
    }

    /// <summary>The cipher suites of ssl.ciphersuites (null: the platform's default list).</summary>
    /// <exception cref="StartupException">A name is not a cipher suite .NET knows.</exception>
    public static CipherSuitesPolicy? Ciphers(TlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Ciphers(settings.CipherSuites, "ssl.ciphersuites");
    }

    /// <summary>The cipher suites named by <paramref name="key"/> (null: the platform's default list).</summary>
    /// <exception cref="StartupException">A name is not a cipher suite .NET knows.</exception>
    public static CipherSuitesPolicy? Ciphers(IReadOnlyList<string>? cipherSuites, string key)
    {
        if (cipherSuites is not { Count: > 0 } names)
        {
            return null;
        }
        var suites = new List<TlsCipherSuite>();
        foreach (var name in names)
        {
            // Java and .NET both use the IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256).
            if (!Enum.TryParse<TlsCipherSuite>(name, ignoreCase: false, out var suite) || int.TryParse(name, out _))
            {
                throw new StartupException($"{key} names '{name}', which is not a TLS cipher suite: use IANA names such as TLS_AES_128_GCM_SHA256");
            }
            suites.Add(suite);
        }
        if (OperatingSystem.IsWindows())
        {
            throw new StartupException($"{key} cannot be set on Windows (the OS decides the cipher suites): remove it from zoo.cfg");
        }
        return new CipherSuitesPolicy(suites);
    }

    /// <summary>
    /// The server side of a TLS connection as the client port and quorum TLS both take it: our certificate, the
    /// protocols and suites configured, a peer certificate asked for unless clientAuth is none, revocation unchecked
    /// (as ZooKeeper by default), and <paramref name="validate"/> deciding on the peer's certificate.
    /// </summary>
    internal static SslServerAuthenticationOptions ServerOptions(SslStreamCertificateContext certificate, ClientAuthMode clientAuth,
        SslProtocols protocols, CipherSuitesPolicy? ciphers, RemoteCertificateValidationCallback validate) => new()
        {
            ServerCertificateContext = certificate,
            ClientCertificateRequired = clientAuth != ClientAuthMode.None,
            EnabledSslProtocols = protocols,
            CipherSuitesPolicy = ciphers,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = validate,
        };
}
