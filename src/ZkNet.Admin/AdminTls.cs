using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Admin;

/// <summary>
/// The admin port's TLS material, loaded by the host from the ssl.quorum.keyStore.* and ssl.quorum.trustStore.* keys:
/// ZooKeeper's JettyAdminServer reads its stores through QuorumX509Util, so the admin port shares the ensemble's.
/// </summary>
/// <param name="Certificate">The server certificate with its private key.</param>
/// <param name="Chain">Intermediate certificates sent with it.</param>
/// <param name="TrustedRoots">What a client certificate must chain to (empty: the system's roots).</param>
public sealed record AdminTls(X509Certificate2 Certificate, X509Certificate2Collection Chain, X509Certificate2Collection TrustedRoots);
