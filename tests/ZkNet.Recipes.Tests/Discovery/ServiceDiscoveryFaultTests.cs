using ZkNet.Client;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Discovery;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Discovery;

/// <summary>
/// Service discovery when a registering client loses its session or only its connection: an expired instance leaves
/// every provider; a brief drop keeps the registration, and one that went missing meanwhile is put back on reconnect
/// (Curator's ServiceDiscoveryImpl re-registers its services on RECONNECTED).
/// </summary>
public sealed class ServiceDiscoveryFaultTests : RecipeTestBase
{
    private const string Base = "/services";
    private const string FlakyPath = "/services/api/flaky";

    [Fact]
    public async Task An_instance_whose_session_expires_disappears_from_other_clients_providers()
    {
        var probe = await ConnectAsync();
        // 2 s rather than the usual 1 s: on a loaded machine 1 s lets the client drop the link by itself before the test cuts it.
        var flaky = await ConnectThroughProxyAsync(TimeSpan.FromSeconds(2));
        await using var registrar = new ServiceDiscovery<string>(flaky.Client, Base);
        await registrar.RegisterServiceAsync(Instance("flaky")).Bounded();
        await using var steady = new ServiceDiscovery<string>(await ConnectAsync(), Base);
        await steady.RegisterServiceAsync(Instance("steady")).Bounded();
        var (consumer, provider) = await StartProviderAsync();
        await using var _ = provider;
        Assert.Equal(["flaky", "steady"], provider.GetAllInstances().Select(i => i.Id));
        var deleted = NextAsync(provider, CacheEventType.Deleted);

        await flaky.ExpireAsync(probe);

        await deleted.Bounded();
        Assert.Equal(["steady"], provider.GetAllInstances().Select(i => i.Id));
        Assert.Equal(["steady"], (await consumer.QueryForInstancesAsync("api").Bounded()).Select(i => i.Id));
        Assert.Null(await probe.ExistsAsync(FlakyPath).Bounded());
    }

    [Fact]
    public async Task An_instance_whose_connection_drops_briefly_stays_registered_under_its_session()
    {
        var probe = await ConnectAsync();
        var flaky = await ConnectThroughProxyAsync(TimeSpan.FromSeconds(5));
        await using var registrar = new ServiceDiscovery<string>(flaky.Client, Base);
        await registrar.RegisterServiceAsync(Instance("flaky")).Bounded();
        var before = await probe.ExistsAsync(FlakyPath).Bounded();
        Assert.NotNull(before);
        var (_, provider) = await StartProviderAsync();
        await using var __ = provider;
        var events = new List<CacheEvent>();
        using var listening = provider.Cache.AddListener(e =>
        {
            lock (events)
            {
                events.Add(e);
            }
            return ValueTask.CompletedTask;
        });

        var suspended = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Suspended);
        var reconnected = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Reconnected);
        flaky.Proxy.Cut();
        await suspended.Bounded();
        flaky.Proxy.Restore();
        await reconnected.Bounded();
        // Replies come in order: once this one is back, the re-registration check that Reconnected started has read
        // the node (it found it and so wrote nothing).
        await flaky.Client.ExistsAsync("/").Bounded();

        var after = await probe.ExistsAsync(FlakyPath).Bounded();
        Assert.NotNull(after);
        Assert.Equal(flaky.Client.SessionId, after.Value.EphemeralOwner);
        Assert.Equal(before.Value.Czxid, after.Value.Czxid);
        Assert.Equal(["flaky"], provider.GetAllInstances().Select(i => i.Id));
        lock (events)
        {
            // (A listener hears the cache's current nodes replayed as Created when it is added; nothing after that.)
            Assert.DoesNotContain(events, e => e.Path == FlakyPath && (e.Type == CacheEventType.Deleted || e.Data?.Stat.Czxid != before.Value.Czxid));
        }
    }

    [Fact]
    public async Task An_instance_removed_while_its_connection_is_down_is_registered_again_on_reconnect()
    {
        var probe = await ConnectAsync();
        var flaky = await ConnectThroughProxyAsync(TimeSpan.FromSeconds(5));
        await using var registrar = new ServiceDiscovery<string>(flaky.Client, Base);
        await registrar.RegisterServiceAsync(Instance("flaky") with { Payload = "v1" }).Bounded();
        var (_, provider) = await StartProviderAsync();
        await using var __ = provider;
        var deleted = NextAsync(provider, CacheEventType.Deleted);

        var suspended = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Suspended);
        var reconnected = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Reconnected);
        flaky.Proxy.Cut();
        await suspended.Bounded();
        // What a reconnect after a server-side loss of the node looks like to the registrar: its node is gone.
        await probe.DeleteAsync(FlakyPath).Bounded();
        await deleted.Bounded();
        Assert.Empty(provider.GetAllInstances());
        var created = NextAsync(provider, CacheEventType.Created);
        flaky.Proxy.Restore();
        await reconnected.Bounded();

        await created.Bounded();
        var instance = Assert.Single(provider.GetAllInstances());
        Assert.Equal(("flaky", "v1"), (instance.Id, instance.Payload));
        var stat = await probe.ExistsAsync(FlakyPath).Bounded();
        Assert.NotNull(stat);
        Assert.Equal(flaky.Client.SessionId, stat.Value.EphemeralOwner);
    }

    private static ServiceInstance<string> Instance(string id) => new() { Name = "api", Id = id, Address = "10.0.0.1", Port = 8080 };

    private async Task<(ServiceDiscovery<string> Consumer, ServiceProvider<string> Provider)> StartProviderAsync()
    {
        var consumer = new ServiceDiscovery<string>(await ConnectAsync(), Base);
        var provider = new ServiceProvider<string>(await ConnectAsync(), consumer, "api");
        await provider.StartAsync().Bounded();
        return (consumer, provider);
    }

    /// <summary>Completes at the provider's next <paramref name="type"/> event for the flaky instance.</summary>
    private static Task NextAsync(ServiceProvider<string> provider, CacheEventType type)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = provider.Cache.AddListener(e =>
        {
            if (e.Type == type && e.Path == FlakyPath)
            {
                seen.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        return seen.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
