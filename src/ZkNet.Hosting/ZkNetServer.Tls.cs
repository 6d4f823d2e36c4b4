using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Network;
using ZkNet.Hosting.Security;

namespace ZkNet.Hosting;

/// <summary>
/// TLS on the client port: the secureClientPort listener, and TLS detected on the plain port when
/// client.portUnification is on. Connections that complete the handshake are admitted like any other, with the
/// x509 identity of their certificate (docs/security.md).
/// </summary>
public sealed partial class ZkNetServer
{
    private Socket? _secureListener;
    private TlsServerContext? _tlsContext;
    private TlsAcceptor? _tlsAcceptor;
    private TlsContextReloader? _tlsReloader;
    private Task? _secureAcceptLoop;

    /// <summary>Where TLS clients connect (secureClientPort), or null when no secure port is configured.</summary>
    public IPEndPoint? SecureClientEndPoint => (IPEndPoint?)_secureListener?.LocalEndPoint;

    /// <summary>Loads the TLS stores and binds the secure port, before anything is written (a bad store stops the start).</summary>
    private static (Socket? Listener, TlsServerContext? Context) BindSecure(ServerConfig config)
    {
        var tls = config.Tls;
        if (!tls.Enabled)
        {
            return (null, null);
        }
        var context = TlsServerContext.Load(tls);
        var listener = tls.SecureClientPort is { } port
            ? ClientListener.Bind("secureClientPort", tls.SecureClientPortAddress, port, config.ClientPortListenBacklog)
            : null;
        return (listener, context);
    }

    private void StartSecure()
    {
        if (_tlsContext is null)
        {
            return;
        }
        if (_config.Tls.CertReload)
        {
            _tlsReloader = new TlsContextReloader(_tlsContext, _logger, _time);
        }
        TlsServerContext initial = _tlsContext;
        var reloader = _tlsReloader;
        _tlsAcceptor = new TlsAcceptor(() => reloader?.Current ?? initial, _limits, _logger);
        if (_secureListener is not null)
        {
            _secureAcceptLoop = Task.Run(SecureAcceptLoopAsync, CancellationToken.None);
            LogSecureStarted(SecureClientEndPoint!.ToString(), _config.Tls.ClientAuth.ToString().ToLowerInvariant());
        }
    }

    private async Task StopSecureAsync()
    {
        _tlsReloader?.Dispose();
        _secureListener?.Dispose();
        if (_secureAcceptLoop is not null)
        {
            await _secureAcceptLoop.ConfigureAwait(false);
        }
    }

    /// <summary>Whether a connection on the plain port goes through TLS detection first (client.portUnification).</summary>
    private bool UnifiedPort => _tlsAcceptor is not null && _config.Tls.PortUnification;

    private Task SecureAcceptLoopAsync() =>
        AcceptLoop.RunAsync(_secureListener!, socket => _ = AdmitTlsAsync(socket, sniff: false), _stopping.Token);

    /// <summary>Handshakes on its own task, so a slow or silent client never holds up the accept loop.</summary>
    private async Task AdmitTlsAsync(Socket socket, bool sniff)
    {
        var result = await _tlsAcceptor!.AcceptAsync(socket, sniff, _stopping.Token).ConfigureAwait(false);
        if (!result.Accepted || _stopping.IsCancellationRequested)
        {
            result.Tls?.Dispose();
            socket.Dispose();
            return;
        }
        Admit(socket, result.Tls, result.Identities);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ZkNet serving TLS clients on {Endpoint} (ssl.clientAuth={ClientAuth})")]
    private partial void LogSecureStarted(string endpoint, string clientAuth);
}
