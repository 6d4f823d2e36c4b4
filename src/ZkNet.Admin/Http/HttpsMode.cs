using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ZkNet.Admin.Http;

/// <summary>
/// TLS on an admin listener as ZooKeeper's JettyAdminServer sets it up: HTTPS only (admin.forceHttps), or HTTP and
/// HTTPS on one port told apart by the first byte a client sends (admin.portUnification; a TLS record starts with
/// 0x16, a request line with a letter), with a client certificate required when admin.needClientAuth.
/// </summary>
/// <param name="Tls">The certificate, chain and trust store.</param>
/// <param name="OnlyHttps">admin.forceHttps: plain HTTP is not served.</param>
/// <param name="NeedClientAuth">admin.needClientAuth.</param>
internal sealed record HttpsMode(AdminTls Tls, bool OnlyHttps, bool NeedClientAuth)
{
    /// <summary>The TLS handshake record type: what a ClientHello starts with.</summary>
    private const byte TlsHandshake = 0x16;

    /// <summary>HSTS as ZooKeeper's SecureRequestCustomizer sends it: one day, sub-domains included.</summary>
    public const string StrictTransportSecurity = "max-age=86400; includeSubDomains";

    /// <summary>Adds TLS (and, with port unification, the plain-HTTP path beside it) to <paramref name="listen"/>.</summary>
    public void Apply(ListenOptions listen)
    {
        var adapter = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = Tls.Certificate,
            ServerCertificateChain = Tls.Chain,
            ClientCertificateMode = NeedClientAuth ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
            ClientCertificateValidation = (certificate, _, errors) => Trusted(certificate, errors),
        };
        if (OnlyHttps)
        {
            listen.UseHttps(adapter);
            return;
        }
        // Kestrel builds the connection pipeline from the last middleware back: the one added after UseHttps is
        // built first and receives the HTTP handler itself, which the detector (added first, so it sees the raw bytes
        // before TLS) hands a plain connection to.
        ConnectionDelegate? plain = null;
        listen.Use(tls => context => DetectAsync(context, tls, plain!));
        listen.UseHttps(adapter);
        listen.Use(http =>
        {
            plain = http;
            return http;
        });
    }

    private static async Task DetectAsync(ConnectionContext context, ConnectionDelegate tls, ConnectionDelegate plain)
    {
        var input = context.Transport.Input;
        ReadResult read = await input.ReadAsync(context.ConnectionClosed).ConfigureAwait(false);
        var isTls = !read.Buffer.IsEmpty && read.Buffer.FirstSpan[0] == TlsHandshake;
        // Nothing consumed, nothing examined: the next reader sees the same bytes at once.
        input.AdvanceTo(read.Buffer.Start);
        await (isTls ? tls : plain)(context).ConfigureAwait(false);
    }

    /// <summary>A client certificate must chain to the trust store (the system's roots when it is empty).</summary>
    private bool Trusted(X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if (Tls.TrustedRoots.Count == 0)
        {
            return errors == SslPolicyErrors.None;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Tls.TrustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
