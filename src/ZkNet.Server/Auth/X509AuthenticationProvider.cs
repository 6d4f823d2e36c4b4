using System.Security.Cryptography.X509Certificates;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Auth;

/// <summary>
/// The "x509" scheme: a TLS client is known by its certificate's subject, written as Java's
/// X500Principal.getName() writes it (RFC 2253), so ACLs made for Apache ZooKeeper match unchanged. The subject
/// named by X509AuthenticationProvider.superUser is also the super user, as in ZooKeeper (whose whoAmI shows that
/// identity as "super" with an empty id).
/// </summary>
public static class X509AuthenticationProvider
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "x509";

    /// <summary>The identities a connection authenticated by <paramref name="certificate"/> holds.</summary>
    public static IReadOnlyList<Id> Identities(X509Certificate2 certificate, string? superUser)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var clientId = Rfc2253Name.Format(certificate.SubjectName);
        return clientId == superUser ? [new Id(Scheme, clientId), new Id("super", "")] : [new Id(Scheme, clientId)];
    }

    /// <summary>Whether an x509 ACL id matches a client's id: the exact subject, as ZooKeeper compares them.</summary>
    public static bool Matches(string clientId, string aclId) => string.Equals(clientId, aclId, StringComparison.Ordinal);
}
