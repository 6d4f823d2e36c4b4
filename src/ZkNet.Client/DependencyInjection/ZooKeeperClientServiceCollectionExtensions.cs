using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZkNet.Client.DependencyInjection;

/// <summary>Registers a <see cref="ZooKeeperClient"/> with Microsoft.Extensions.DependencyInjection.</summary>
public static class ZooKeeperClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="ZooKeeperClient"/> (also as <see cref="IZooKeeperClient"/>) built from
    /// <see cref="ZooKeeperClientSettings"/>, configured by <paramref name="configure"/>. The client starts
    /// connecting when first resolved (requests made meanwhile wait for the session) and is closed when the
    /// service provider is disposed.
    /// </summary>
    public static IServiceCollection AddZooKeeperClient(this IServiceCollection services, Action<ZooKeeperClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ZooKeeperClientSettings>().Configure(configure);
        return AddClient(services);
    }

    /// <summary>As <see cref="AddZooKeeperClient(IServiceCollection, Action{ZooKeeperClientSettings})"/>, binding the settings to a configuration section.</summary>
    public static IServiceCollection AddZooKeeperClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZooKeeperClientSettings>().Bind(configuration);
        return AddClient(services);
    }

    private static IServiceCollection AddClient(IServiceCollection services)
    {
        services.AddOptions<ZooKeeperClientSettings>()
            .Validate(settings => !string.IsNullOrWhiteSpace(settings.ConnectString), "ZooKeeper ConnectString is required");
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ZooKeeperClientSettings>>().Value;
            var client = new ZooKeeperClient(settings.ToOptions(), provider.GetService<ILoggerFactory>());
            // Connecting goes on in the background; a first session slower than ConnectTimeout is not an error here
            // (the client keeps trying), so the open task's failure is only observed.
            _ = client.OpenAsync().ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return client;
        });
        services.TryAddSingleton<IZooKeeperClient>(provider => provider.GetRequiredService<ZooKeeperClient>());
        return services;
    }
}
