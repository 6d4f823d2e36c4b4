using System.Text.Json;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Discovery;

/// <summary>
/// Service registration and lookup in Curator's ServiceDiscovery layout: each instance is a node
/// <c>{basePath}/{name}/{id}</c> holding its <see cref="ServiceInstance{T}"/> as JSON; dynamic instances are ephemeral,
/// so they disappear when their process's session ends. Instances registered here are put back after a reconnect if
/// they went missing, as Curator re-registers. Use <see cref="ServiceProvider{T}"/> to pick instances.
/// </summary>
/// <typeparam name="T">The payload's type.</typeparam>
public sealed class ServiceDiscovery<T> : IAsyncDisposable
{
    private readonly IZooKeeperClient _client;
    private readonly JsonSerializerOptions _json;
    private readonly Dictionary<string, ServiceInstance<T>> _registered = new(StringComparer.Ordinal);
    private readonly IDisposable _connectionListener;

    /// <summary>Creates a discovery on <paramref name="basePath"/>.</summary>
    /// <param name="client">The session that carries the registrations.</param>
    /// <param name="basePath">The root of the services (Curator's basePath).</param>
    /// <param name="json">How payloads are serialized; null for System.Text.Json's defaults.</param>
    public ServiceDiscovery(IZooKeeperClient client, string basePath, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        BasePath = ZkPaths.Validate(basePath, nameof(basePath));
        _json = json ?? JsonSerializerOptions.Default;
        _connectionListener = client.AddConnectionStateListener(async state =>
        {
            if (state == ConnectionState.Reconnected)
            {
                await ReRegisterAsync().ConfigureAwait(false);
            }
        });
    }

    /// <summary>The root of the services.</summary>
    public string BasePath { get; }

    /// <summary>The node of one instance.</summary>
    public string PathOf(string name, string id) => ZkPaths.MakePath(ZkPaths.MakePath(BasePath, name), id);

    /// <summary>Registers <paramref name="instance"/> (replacing a registration with the same id).</summary>
    public async Task RegisterServiceAsync(ServiceInstance<T> instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_registered)
        {
            _registered[instance.Id] = instance;
        }
        await WriteAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the data of a registered instance.</summary>
    public async Task UpdateServiceAsync(ServiceInstance<T> instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_registered)
        {
            _registered[instance.Id] = instance;
        }
        await _client.SetDataAsync(PathOf(instance.Name, instance.Id), Serialize(instance), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an instance.</summary>
    public async Task UnregisterServiceAsync(ServiceInstance<T> instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_registered)
        {
            _registered.Remove(instance.Id);
        }
        await _client.TryDeleteAsync(PathOf(instance.Name, instance.Id), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The names of every registered service.</summary>
    public async Task<IReadOnlyList<string>> QueryForNamesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _client.GetChildrenAsync(BasePath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    /// <summary>Every instance of <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<ServiceInstance<T>>> QueryForInstancesAsync(string name, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await _client.GetChildrenAsync(ZkPaths.MakePath(BasePath, name), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return [];
        }
        var result = new List<ServiceInstance<T>>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            if (await QueryForInstanceAsync(name, id, cancellationToken).ConfigureAwait(false) is { } instance)
            {
                result.Add(instance);
            }
        }
        return result;
    }

    /// <summary>One instance, or null when it is not registered.</summary>
    public async Task<ServiceInstance<T>?> QueryForInstanceAsync(string name, string id, CancellationToken cancellationToken = default)
    {
        var data = await _client.TryGetDataAsync(PathOf(name, id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return data is null ? null : Deserialize(data.Data);
    }

    /// <summary>Unregisters every instance registered here (except permanent ones) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _connectionListener.Dispose();
        List<ServiceInstance<T>> instances;
        lock (_registered)
        {
            instances = [.. _registered.Values];
            _registered.Clear();
        }
        foreach (var instance in instances.Where(i => i.ServiceType != ServiceType.PERMANENT))
        {
            try
            {
                await _client.TryDeleteAsync(PathOf(instance.Name, instance.Id)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KeeperException or ObjectDisposedException)
            {
                // Gone with the session.
            }
        }
    }

    internal ServiceInstance<T>? Deserialize(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize<ServiceInstance<T>>(data, _json);
        }
        catch (JsonException)
        {
            // Not an instance this payload type can read: skip it, as Curator's cache logs and skips.
            return null;
        }
    }

    private byte[] Serialize(ServiceInstance<T> instance) => JsonSerializer.SerializeToUtf8Bytes(instance, _json);

    private async Task WriteAsync(ServiceInstance<T> instance, CancellationToken cancellationToken)
    {
        var mode = instance.ServiceType switch
        {
            ServiceType.DYNAMIC => CreateMode.Ephemeral,
            ServiceType.DYNAMIC_SEQUENTIAL => CreateMode.EphemeralSequential,
            _ => CreateMode.Persistent,
        };
        var path = PathOf(instance.Name, instance.Id);
        var data = Serialize(instance);
        while (true)
        {
            try
            {
                await _client.CreateWithParentsAsync(path, data, Acl.OpenAclUnsafe, mode, CreateMode.Container, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NodeExistsException)
            {
                // A leftover of ours (or an older registration): replace it, as Curator does.
                await _client.TryDeleteAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReRegisterAsync()
    {
        List<ServiceInstance<T>> instances;
        lock (_registered)
        {
            instances = [.. _registered.Values];
        }
        foreach (var instance in instances)
        {
            try
            {
                if (await _client.ExistsAsync(PathOf(instance.Name, instance.Id)).ConfigureAwait(false) is null)
                {
                    await WriteAsync(instance, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (KeeperException)
            {
                // Dropped again: the next Reconnected tries once more.
            }
        }
    }
}
