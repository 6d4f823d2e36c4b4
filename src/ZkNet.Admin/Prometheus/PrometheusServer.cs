using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ZkNet.Admin.Http;
using ZkNet.Server.Pipeline;

namespace ZkNet.Admin.Prometheus;

/// <summary>ZooKeeper's Prometheus provider endpoint: GET /metrics on metricsProvider.httpHost:httpPort.</summary>
public static class PrometheusServer
{
    /// <summary>Starts serving <paramref name="core"/>'s figures.</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is taken).</exception>
    public static Task<HttpEndpoint> StartAsync(ZooKeeperServer core, MetricsProviderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(core);
        return StartAsync(() => core, options, cancellationToken);
    }

    /// <summary>Starts serving the figures of the core <paramref name="currentCore"/> returns (an ensemble member's changes with its role).</summary>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is taken).</exception>
    public static Task<HttpEndpoint> StartAsync(Func<ZooKeeperServer> currentCore, MetricsProviderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentCore);
        ArgumentNullException.ThrowIfNull(options);
        return HttpEndpoint.StartAsync(options.HttpHost, options.HttpPort, TimeSpan.FromSeconds(30), 0, null, app =>
            app.MapGet("/metrics", async (HttpContext http) =>
            {
                // Read on the processor thread, like mntr, so the gauges agree with each other.
                var core = currentCore();
                var samples = await core.InspectAsync(() => core.Metrics.Read(), http.RequestAborted).ConfigureAwait(false);
                return Results.Text(PrometheusText.Write(samples), PrometheusText.ContentType);
            }), cancellationToken);
    }
}
