using ZkNet.Admin.Console;
using ZkNet.Admin.Http;

namespace ZkNet.Admin;

/// <summary>
/// ZooKeeper's AdminServer on Kestrel: the commands under admin.commandURL (JSON, GET), served on
/// admin.serverAddress:admin.serverPort, and the web console at / (when the client port is known).
/// </summary>
public static class AdminServer
{
    /// <summary>The largest request body accepted (commands take none).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Starts serving <paramref name="context"/>'s server as <paramref name="options"/> say.</summary>
    /// <param name="context">The server the commands read.</param>
    /// <param name="options">admin.* as configured.</param>
    /// <param name="tls">The certificate and trust store when <see cref="AdminServerOptions.Https"/>; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is taken).</exception>
    /// <exception cref="ArgumentException">HTTPS is asked for without <paramref name="tls"/>.</exception>
    public static Task<HttpEndpoint> StartAsync(AdminContext context, AdminServerOptions options, AdminTls? tls = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Https && tls is null)
        {
            throw new ArgumentException("admin.forceHttps and admin.portUnification need ssl.quorum.keyStore.location (the server's certificate)", nameof(tls));
        }
        var security = options.Https ? new HttpsMode(tls!, OnlyHttps: options.ForceHttps, options.NeedClientAuth) : null;
        return HttpEndpoint.StartAsync(options.Address, options.Port, TimeSpan.FromMilliseconds(Math.Max(1, options.IdleTimeoutMs)),
            MaxBodyBytes, security, app =>
            {
                CommandRoutes.Map(app, context, options);
                if (context.ClientConnectString is { } connectString)
                {
                    // The console's ZooKeeper sessions close with the admin server.
                    var sessions = new ConsoleSessions(connectString);
                    app.Lifetime.ApplicationStopping.Register(() => sessions.DisposeAsync().AsTask().GetAwaiter().GetResult());
                    ConsoleApi.Map(app, context, sessions);
                }
            }, cancellationToken);
    }
}
