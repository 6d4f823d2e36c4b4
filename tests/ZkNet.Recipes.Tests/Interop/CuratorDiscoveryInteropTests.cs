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
        Assert.True(CuratorDriver.Available, "Curator (libcurator-discovery-java) and javac are needed: scripts/test.sh installs them");
        var zk = await ConnectAsync();
        await using var discovery = new ServiceDiscovery<Dictionary<string, string>>(zk, "/interop/services");
        await discovery.RegisterServiceAsync(new ServiceInstance<Dictionary<string, string>>
        {
            Name = "orders", Id = "dotnet", Address = "127.0.0.1", Port = 9002, Payload = new() { ["zone"] = "dotnet" },
        }).Bounded();

        var curator = CuratorDriver.RunAsync(Server.ConnectString, "discovery", "/interop/services", 0, Path.GetTempPath(), "curator");
        var ready = WaitForNodeAsync(zk, "/interop/services-ready-curator");
        if (await Task.WhenAny(curator, ready).WaitAsync(TimeSpan.FromMinutes(2)) == curator)
        {
            var (code, output, error) = await curator;
            Assert.Fail($"the Curator driver ended early ({code}):\n{output}\n{error}");
        }

        var seen = await discovery.QueryForInstancesAsync("orders").Bounded();
        var java = Assert.Single(seen, i => i.Id == "curator");
        Assert.Equal("127.0.0.1", java.Address);
        Assert.Equal(9001, java.Port);
        Assert.Equal("java", java.Payload!["zone"]);
        Assert.Equal(ServiceType.DYNAMIC, java.ServiceType);

        await zk.CreateAsync("/interop/services-release", null, Acl.OpenAclUnsafe).Bounded();
        var (exitCode, stdout, stderr) = await curator.Bounded(TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"Curator driver exited {exitCode}:\n{stdout}\n{stderr}");
        Assert.Contains("instance id=dotnet address=127.0.0.1 port=9002 zone=dotnet enabled=true", stdout, StringComparison.Ordinal);
        // Curator's discovery unregistered its instance when it closed.
        Assert.Null(await discovery.QueryForInstanceAsync("orders", "curator").Bounded());
    }
}
