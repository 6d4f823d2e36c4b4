using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using ZkNet.Admin;
using ZkNet.Admin.Http;
using ZkNet.Admin.Prometheus;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Security;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting;

public sealed partial class ZkNetServer
{
    private HttpEndpoint? _admin;
    private HttpEndpoint? _prometheus;

    /// <summary>Where the AdminServer listens, or null when it is off or could not bind its port.</summary>
    public IPEndPoint? AdminEndPoint => _admin?.EndPoint;

    /// <summary>Where the Prometheus endpoint (/metrics) listens, or null when it is off or could not bind its port.</summary>
    public IPEndPoint? MetricsEndPoint => _prometheus?.EndPoint;

    /// <summary>
    /// Starts the HTTP surfaces the configuration asks for. A port that cannot be bound is logged and the server goes
    /// on serving clients (ZooKeeper's QuorumPeer does the same for its AdminServer), so a second server on a host
    /// never fails to start because the first holds port 8080.
    /// </summary>
    private async Task<ZkNetServer> StartObservabilityAsync()
    {
        if (_config.Admin.Enabled)
        {
            try
            {
                // The console connects to the client port like any client (loopback when the port listens everywhere).
                var consoleTarget = ClientEndPoint.Address.Equals(IPAddress.Any) ? $"127.0.0.1:{ClientEndPoint.Port}" : ConnectString;
                var context = new AdminContext(() => Core, InitialConfiguration(_config))
                {
                    ClientConnectString = consoleTarget,
                    X509SuperUser = _config.Tls.X509SuperUser,
                };
                _admin = await AdminServer.StartAsync(context, _config.Admin, AdminTlsOf(_config)).ConfigureAwait(false);
                LogAdminStarted(_admin.EndPoint.ToString(), _config.Admin.CommandUrl);
            }
            catch (IOException ex)
            {
                LogAdminFailed(_config.Admin.Address, _config.Admin.Port, ex.Message);
            }
        }
        if (_config.MetricsProvider.IsPrometheus)
        {
            try
            {
                _prometheus = await PrometheusServer.StartAsync(() => Core, _config.MetricsProvider).ConfigureAwait(false);
                LogPrometheusStarted(_prometheus.EndPoint.ToString());
            }
            catch (IOException ex)
            {
                LogPrometheusFailed(_config.MetricsProvider.HttpHost, _config.MetricsProvider.HttpPort, ex.Message);
            }
        }
        return this;
    }

    /// <summary>
    /// The admin port's certificate and trust store, from ssl.quorum.* as ZooKeeper's JettyAdminServer loads them;
    /// null when the port speaks plain HTTP. A store that cannot be loaded stops startup, as it stops ZooKeeper's.
    /// </summary>
    private static AdminTls? AdminTlsOf(ServerConfig config)
    {
        if (!config.Admin.Https)
        {
            return null;
        }
        if (config.QuorumKeyStore.Location is null)
        {
            throw new StartupException(
                "HTTPS on the admin port (admin.forceHttps or admin.portUnification) needs ssl.quorum.keyStore.location (ZooKeeper's AdminServer uses the quorum key store)");
        }
        var (certificate, chain) = CertificateStores.LoadKeyStore(config.QuorumKeyStore, "ssl.quorum.keyStore");
        var trusted = config.QuorumTrustStore.Location is null ? [] : CertificateStores.LoadTrustStore(config.QuorumTrustStore, "ssl.quorum.trustStore");
        return new AdminTls(certificate, chain, trusted);
    }

    private async ValueTask StopObservabilityAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The configuration as read, one key=value a line (initial_configuration).</summary>
    private static string InitialConfiguration(Configuration.ServerConfig config)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in config.Raw)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
        }
        return sb.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AdminServer on {Endpoint}, commands under {CommandUrl}")]
    private partial void LogAdminStarted(string endpoint, string commandUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Problem starting the AdminServer on {Address}:{Port} ({Reason}); serving clients without it")]
    private partial void LogAdminFailed(string address, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics on {Endpoint}/metrics")]
    private partial void LogPrometheusStarted(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Problem starting the Prometheus endpoint on {Host}:{Port} ({Reason}); serving clients without it")]
    private partial void LogPrometheusFailed(string host, int port, string reason);
}
