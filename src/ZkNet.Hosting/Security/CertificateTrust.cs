using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Hosting.Security;

/// <summary>Whether a peer's certificate chains to a configured trust store (ssl.trustStore, ssl.quorum.trustStore).</summary>
internal static class CertificateTrust
{
    /// <summary>How long fetching a CRL or an OCSP answer may take before the certificate counts as unverifiable.</summary>
    private static readonly TimeSpan RevocationFetchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Builds <paramref name="certificate"/>'s chain to <paramref name="trust"/>'s certificates only, or to the system
    /// store when none are configured (ZooKeeper falls back to the JVM's CA certificates the same way). Revocation is
    /// checked only with <paramref name="checkRevocation"/> (ssl.crl / ssl.ocsp; off by default, as in ZooKeeper):
    /// then every certificate below the root must be shown unrevoked by the CRL its distribution point names, or by
    /// the OCSP responder its authority information names, as Java's PKIX checker requires (a certificate whose
    /// status cannot be learned is refused, not let through).
    /// </summary>
    public static bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection trust, bool checkRevocation = false)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        chain.ChainPolicy.UrlRetrievalTimeout = RevocationFetchTimeout;
        if (trust.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        }
        return chain.Build(certificate);
    }
}
