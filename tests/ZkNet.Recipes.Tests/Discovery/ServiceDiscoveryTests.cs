using System.Text.Json;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Discovery;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Discovery;

public sealed class ServiceDiscoveryTests : RecipeTestBase
{
    [Fact]
    public async Task Instances_are_stored_as_Curator_json_and_providers_balance_over_the_live_ones()
    {
        var registrarClient = await ConnectAsync();
        await using var registrar = new ServiceDiscovery<Dictionary<string, string>>(registrarClient, "/services");
        var a = new ServiceInstance<Dictionary<string, string>> { Name = "api", Id = "a", Address = "10.1.0.1", Port = 80, Payload = new() { ["zone"] = "x" } };
        await registrar.RegisterServiceAsync(a).Bounded();
        var otherClient = await ConnectAsync();
        var other = new ServiceDiscovery<Dictionary<string, string>>(otherClient, "/services");
        await other.RegisterServiceAsync(a with { Id = "b", Address = "10.1.0.2" }).Bounded();

        var json = JsonDocument.Parse((await registrarClient.GetDataAsync("/services/api/a").Bounded()).Data).RootElement;
        Assert.Equal(["name", "id", "address", "port", "sslPort", "payload", "registrationTimeUTC", "serviceType", "uriSpec", "enabled"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("DYNAMIC", json.GetProperty("serviceType").GetString());
        Assert.Equal(["api"], await registrar.QueryForNamesAsync().Bounded());

        var consumer = new ServiceDiscovery<Dictionary<string, string>>(await ConnectAsync(), "/services");
        await using var roundRobin = new ServiceProvider<Dictionary<string, string>>(await ConnectAsync(), consumer, "api");
        await roundRobin.StartAsync().Bounded();
        var picks = Enumerable.Range(0, 4).Select(_ => roundRobin.GetInstance()!.Id).ToList();
        Assert.Equal(["a", "b", "a", "b"], picks);
        var sticky = new StickyStrategy<Dictionary<string, string>>(new RandomStrategy<Dictionary<string, string>>(new Random(3)));
        var first = sticky.GetInstance(roundRobin.GetAllInstances());
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first!.Id, sticky.GetInstance(roundRobin.GetAllInstances())!.Id));

        // An instance whose session ends leaves the choice.
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = roundRobin.Cache.AddListener(e =>
        {
            if (e.Type == CacheEventType.Deleted && e.Path == "/services/api/b")
            {
                gone.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        await otherClient.CloseAsync().Bounded();
        await gone.Task.Bounded();
        Assert.Equal(["a"], roundRobin.GetAllInstances().Select(i => i.Id));
        Assert.Equal("x", roundRobin.GetInstance()!.Payload!["zone"]);
    }
}
