using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZkNet.Admin.Http;

/// <summary>
/// One Kestrel listener on one address and port (0: a free one), with its routes. Nothing is read from appsettings or
/// the environment: the address, port and idle timeout are zoo.cfg's.
/// </summary>
public sealed class HttpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpEndpoint(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>Where it listens (the real port when 0 was asked).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is taken).</exception>
    internal static async Task<HttpEndpoint> StartAsync(string host, int port, TimeSpan idleTimeout, long maxBodyBytes,
        HttpsMode? https, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var address = Resolve(host);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The host's own logging stays in charge; Kestrel's request logs would drown it.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(address, port, listen => https?.Apply(listen));
            o.AddServerHeader = false;
            o.Limits.KeepAliveTimeout = idleTimeout;
            o.Limits.MaxRequestBodySize = maxBodyBytes;
        });
        var app = builder.Build();
        if (https is not null)
        {
            app.Use((http, next) =>
            {
                if (http.Request.IsHttps)
                {
                    http.Response.Headers.StrictTransportSecurity = HttpsMode.StrictTransportSecurity;
                }
                return next(http);
            });
        }
        map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpEndpoint(app, new IPEndPoint(address, new Uri(bound).Port));
    }

    /// <summary>0.0.0.0 and "" mean every address, as in ZooKeeper; a name is resolved to its first IPv4 address.</summary>
    internal static IPAddress Resolve(string host) => host switch
    {
        "" or "0.0.0.0" => IPAddress.Any,
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(host, out var ip) => ip,
        _ => Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new IOException($"{host} has no IPv4 address"),
    };

    /// <summary>Stops listening (waits at most 5 s for requests in progress).</summary>
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
