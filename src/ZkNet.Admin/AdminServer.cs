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
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is taken).</exception>
    public static Task<HttpEndpoint> StartAsync(AdminContext context, AdminServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return HttpEndpoint.StartAsync(options.Address, options.Port, TimeSpan.FromMilliseconds(Math.Max(1, options.IdleTimeoutMs)),
            MaxBodyBytes, app =>
            {
                CommandRoutes.Map(app, context, options.CommandUrl);
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
