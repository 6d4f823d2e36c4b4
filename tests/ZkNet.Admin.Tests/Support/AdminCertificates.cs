using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// A test CA, a server certificate for 127.0.0.1 and a client certificate, both signed by it, written as PKCS12 key
/// stores, plus a trust store holding the CA: what ssl.quorum.keyStore/trustStore point at for the admin port.
/// </summary>
internal sealed class AdminCertificates : IDisposable
{
    public const string Password = "secret";

    private AdminCertificates(string directory, X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Directory = directory;
        Ca = ca;
        Server = server;
        Client = client;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string KeyStore => Path.Combine(Directory, "server.p12");

    public string TrustStore => Path.Combine(Directory, "trust.p12");

    public static AdminCertificates Make()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zknet-admin-certs-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ZkNet Admin Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var server = Signed(ca, "CN=localhost", san: true);
        var client = Signed(ca, "CN=admin,OU=Test,O=ZkNet", san: false);
        File.WriteAllBytes(Path.Combine(dir, "server.p12"), server.Export(X509ContentType.Pkcs12, Password));
        using var caOnly = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));
        File.WriteAllBytes(Path.Combine(dir, "trust.p12"), new X509Certificate2Collection(caOnly).Export(X509ContentType.Pkcs12, Password)!);
        return new AdminCertificates(dir, ca, server, client);
    }

    private static X509Certificate2 Signed(X509Certificate2 ca, string subject, bool san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // A PKCS12 round trip gives a key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
