using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Hosting.Security;

/// <summary>
/// ssl.hostnameVerification on the server side: a client certificate must name the address the client connects
/// from, by an IP address in its subject alternative names, or by a DNS name (or, without alternative names, its
/// common name) that resolves to that address, as ZooKeeper's trust manager checks client certificates. Quorum TLS
/// checks an ensemble peer's certificate the same way in both directions (QuorumX509Util verifies both).
/// </summary>
internal static class ClientCertificateNames
{
    public static bool Match(X509Certificate2 certificate, IPAddress remote)
    {
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                if (san.EnumerateIPAddresses().Any(ip => ip.Equals(remote)))
                {
                    return true;
                }
                names.AddRange(san.EnumerateDnsNames());
            }
        }
        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } cn)
        {
            names.Add(cn);
        }
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var literal) ? literal.Equals(remote) : Resolves(name, remote))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Resolves(string name, IPAddress remote)
    {
        try
        {
            return Dns.GetHostAddresses(name).Any(a => (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(remote));
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
