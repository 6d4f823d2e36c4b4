using ZkNet.Client;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Discovery;

/// <summary>
/// Client-side load balancing over one service's live instances (Curator's ServiceProvider): the instances are kept
/// in a <see cref="TreeCache"/> of <c>{basePath}/{name}</c>, so an instance whose session ends disappears from the
/// choice as soon as its node goes, and the strategy picks among the enabled ones.
/// </summary>
/// <typeparam name="T">The payload's type.</typeparam>
public sealed class ServiceProvider<T> : IAsyncDisposable
{
    private readonly ServiceDiscovery<T> _discovery;
    private readonly TreeCache _cache;
    private readonly IProviderStrategy<T> _strategy;

    /// <summary>Creates a provider of <paramref name="name"/> from <paramref name="discovery"/>'s base path.</summary>
    /// <param name="client">The session to watch with.</param>
    /// <param name="discovery">Where the services are registered (its base path and serializer).</param>
    /// <param name="name">The service's name.</param>
    /// <param name="strategy">How to pick; null for round-robin.</param>
    public ServiceProvider(IZooKeeperClient client, ServiceDiscovery<T> discovery, string name, IProviderStrategy<T>? strategy = null)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _discovery = discovery;
        Name = name;
        _cache = new TreeCache(client, ZkPaths.MakePath(discovery.BasePath, name), maxDepth: 1);
        _strategy = strategy ?? new RoundRobinStrategy<T>();
    }

    /// <summary>The service's name.</summary>
    public string Name { get; }

    /// <summary>The cache underneath, to listen for instances coming and going.</summary>
    public TreeCache Cache => _cache;

    /// <summary>Loads the instances and starts following them.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _cache.StartAsync(cancellationToken);

    /// <summary>Every live, enabled instance, ordered by id.</summary>
    public IReadOnlyList<ServiceInstance<T>> GetAllInstances()
    {
        var parent = ZkPaths.MakePath(_discovery.BasePath, Name);
        return _cache.GetChildren(parent)
            .Select(id => _cache.Get(ZkPaths.MakePath(parent, id)))
            .Where(data => data is not null)
            .Select(data => _discovery.Deserialize(data!.Data))
            .Where(instance => instance is { Enabled: true })
            .Select(instance => instance!)
            .ToList();
    }

    /// <summary>One live instance chosen by the strategy, or null when there is none.</summary>
    public ServiceInstance<T>? GetInstance() => _strategy.GetInstance(GetAllInstances());

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _cache.DisposeAsync();
}
