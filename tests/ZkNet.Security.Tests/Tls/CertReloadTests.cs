using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Security.Tests.Support;

namespace ZkNet.Security.Tests.Tls;

/// <summary>
/// client.certReload: a key store replaced on disk is served to new connections without a restart, as ZooKeeper's
/// FileChangeWatcher does it; a replacement that cannot be read leaves the previous certificate in use.
/// </summary>
public sealed class CertReloadTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zknet-reload-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly LogEvents _events = new();

    public CertReloadTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Replaced_key_store_is_served_to_new_connections_without_a_restart()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(certs, certReload: true);
        var before = await ServerSubjectAsync(server, certs);
        var reloaded = _events.Next("TlsStoresReloaded");

        await ReplaceAsync(certs.Path("client.p12"));
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("CN=localhost", before);
        Assert.Equal(TestCertificates.ClientSubject, await ServerSubjectAsync(server, certs));
    }

    [Fact]
    public async Task Unreadable_replacement_keeps_the_certificate_in_use()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await StartAsync(certs, certReload: true);
        var failed = _events.Next("TlsStoresReloadFailed");

        await File.WriteAllTextAsync(KeyStore, "not a PKCS12 store");
        await failed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("CN=localhost", await ServerSubjectAsync(server, certs));
    }

    [Fact]
    public void Cert_reload_is_read_from_zoo_cfg_as_ZooKeeper_spells_it()
    {
        var cfg = Path.Combine(_dir, "zoo.cfg");
        File.WriteAllLines(cfg, ["clientPort=2181", "dataDir=" + _dir, "zookeeper.client.certReload=true"]);

        var config = ZooCfgParser.Load(cfg);

        Assert.True(config.Tls.CertReload);
        Assert.DoesNotContain("zookeeper.client.certReload", config.IgnoredKeys);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyStore => Path.Combine(_dir, "keystore.p12");

    private async Task<ZkNetServer> StartAsync(TestCertificates certs, bool certReload)
    {
        File.Copy(certs.Path("server.p12"), KeyStore);
        return await ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0,
            ClientPortAddress = "127.0.0.1",
            InMemory = true,
            Tls = new TlsSettings
            {
                SecureClientPort = 0,
                SecureClientPortAddress = "127.0.0.1",
                KeyStore = new StoreSettings { Location = KeyStore, Password = TestCertificates.Password },
                ClientAuth = ClientAuthMode.None,
                CertReload = certReload,
            },
        }, _events);
    }

    /// <summary>Writes the new store beside the old one and renames it over it, as a careful rotation does.</summary>
    private async Task ReplaceAsync(string source)
    {
        var staging = Path.Combine(_dir, "keystore.p12.new");
        await File.WriteAllBytesAsync(staging, await File.ReadAllBytesAsync(source));
        File.Move(staging, KeyStore, overwrite: true);
    }

    /// <summary>The subject of the certificate the secure port presents to a new connection (checked against the test CA).</summary>
    private static async Task<string> ServerSubjectAsync(ZkNetServer server, TestCertificates certs)
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(certs.Path("ca.pem"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.SecureClientEndPoint!, timeout.Token);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            // Both stores the test serves are signed by the test CA; the replacement names a client, not localhost.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is X509Certificate2 presented && chain.Build(presented);
            },
        }, timeout.Token);
        return ssl.RemoteCertificate!.Subject.Replace(", ", ",", StringComparison.Ordinal);
    }

    /// <summary>Loggers that complete a task when an event of a given name is logged (after it was asked for).</summary>
    private sealed class LogEvents : ILoggerFactory, ILogger
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

        public Task Next(string eventName) =>
            _waiting.GetOrAdd(eventName, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is { } name && _waiting.TryGetValue(name, out var waiter))
            {
                waiter.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
