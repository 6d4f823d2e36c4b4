using ZkNet.Protocol.Records;
using ZkNet.Recipes.Discovery;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>Curator's ServiceDiscovery (curator-x-discovery) and ZkNet's read each other's instances on one base path.</summary>
public sealed class CuratorDiscoveryInteropTests : RecipeTestBase
{
    [Fact]
    public async Task A_ZkNet_instance_is_seen_by_Curator_and_a_Curator_instance_by_ZkNet()
    {
        var zk = await ConnectAsync();
        await using var discovery = new ServiceDiscovery<Dictionary<string, string>>(zk, "/interop/services");
        await discovery.RegisterServiceAsync(new ServiceInstance<Dictionary<string, string>>
        {
            Name = "orders", Id = "dotnet", Address = "127.0.0.1", Port = 9002, Payload = new() { ["zone"] = "dotnet" },
        }).Bounded();

        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "discovery", "/interop/services", 0, Path.GetTempPath());

        var seen = await discovery.QueryForInstancesAsync("orders").Bounded();
        var java = Assert.Single(seen, i => i.Id == "curator");
        Assert.Equal("127.0.0.1", java.Address);
        Assert.Equal(9001, java.Port);
        Assert.Equal("java", java.Payload!["zone"]);
        Assert.Equal(ServiceType.DYNAMIC, java.ServiceType);

        await zk.CreateAsync("/interop/services-release", null, Acl.OpenAclUnsafe).Bounded();
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);
        Assert.Contains("instance id=dotnet address=127.0.0.1 port=9002 zone=dotnet enabled=true", stdout, StringComparison.Ordinal);
        // Curator's discovery unregistered its instance when it closed.
        Assert.Null(await discovery.QueryForInstanceAsync("orders", "curator").Bounded());
    }
}
