using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Client.Internal;

/// <summary>The client side of a TLS handshake, checking the server's certificate as <see cref="ZooKeeperTlsOptions"/> say.</summary>
internal static class ClientTls
{
    public static async Task<SslStream> AuthenticateAsync(Socket socket, string host, ZooKeeperTlsOptions tls, CancellationToken cancellationToken)
    {
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                EnabledSslProtocols = tls.EnabledProtocols,
                ClientCertificates = tls.ClientCertificate is { } mine ? [mine] : null,
                LocalCertificateSelectionCallback = tls.ClientCertificate is { } cert ? (_, _, _, _, _) => cert : null,
                CertificateRevocationCheckMode = RevocationMode(tls),
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(tls, certificate, errors),
            }, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static X509RevocationMode RevocationMode(ZooKeeperTlsOptions tls) =>
        tls.CheckRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;

    private static bool Validate(ZooKeeperTlsOptions tls, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }
        if (tls.VerifyHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        if (tls.TrustedCertificates is not { Count: > 0 } trusted)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = RevocationMode(tls);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        var server = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
