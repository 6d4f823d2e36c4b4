using System.Security.Cryptography.X509Certificates;
using ZkNet.Client;

namespace ZkNet.Security.Tests.Support;

/// <summary>ZkNet.Client sessions for the tests: over TLS with a chosen certificate, or plain.</summary>
public static class Clients
{
    public static ZooKeeperTlsOptions Tls(TestCertificates certs, string? clientStore) => new()
    {
        ClientCertificate = clientStore is null ? null : X509CertificateLoader.LoadPkcs12FromFile(certs.Path(clientStore), TestCertificates.Password),
        TrustedCertificates = [X509CertificateLoader.LoadCertificateFromFile(certs.Path("ca.pem"))],
    };

    public static Task<ZooKeeperClient> ConnectAsync(int port, ZooKeeperTlsOptions? tls, TimeSpan? timeout = null) =>
        ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = $"127.0.0.1:{port}",
            Tls = tls,
            ConnectTimeout = timeout ?? TimeSpan.FromSeconds(15),
            SessionTimeout = TimeSpan.FromSeconds(10),
        });
}
