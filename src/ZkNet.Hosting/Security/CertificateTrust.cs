using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Hosting.Security;

/// <summary>Whether a peer's certificate chains to a configured trust store (ssl.trustStore, ssl.quorum.trustStore).</summary>
internal static class CertificateTrust
{
    /// <summary>
    /// Builds <paramref name="certificate"/>'s chain to <paramref name="trust"/>'s certificates only, or to the system
    /// store when none are configured (ZooKeeper falls back to the JVM's CA certificates the same way). Revocation is
    /// not checked, as ZooKeeper does not by default.
    /// </summary>
    public static bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection trust)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (trust.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        }
        return chain.Build(certificate);
    }
}
