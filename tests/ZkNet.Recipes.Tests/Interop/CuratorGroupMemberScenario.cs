using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Nodes;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// ZkNet GroupMembers "dotnet" and "observer" and Curator's GroupMember "curator" (Java/CoordinationRecipes.java, kind
/// "group") in one group: each side sees every member with its payload, then "dotnet" leaves and Curator's view loses
/// it, then Curator's member leaves and the observer's view loses it.
/// </summary>
public static class CuratorGroupMemberScenario
{
    /// <summary>How a member leaves: by closing the member, or by its session ending while the member is still open.</summary>
    public enum Leaving
    {
        /// <summary>ZkNet disposes its GroupMember; Curator closes its own and keeps its session until released.</summary>
        Close,

        /// <summary>ZkNet closes the member's client; the Curator process halts, so the server expires its session.</summary>
        SessionEnd,
    }

    /// <summary>Runs the scenario in the group <paramref name="path"/> (the driver expects the ids "dotnet" and "observer").</summary>
    public static Task RunAsync(InteropTarget target, string path, Leaving leaving) =>
        CuratorDriver.StoppingDriversAsync(stop => JoinAndLeaveAsync(target with { StopDrivers = stop }, path, leaving));

    /// <summary>
    /// A Curator GroupMember and ZkNet's with one id, "twin", in the group <paramref name="path"/> (driver kind
    /// "same-id"): each, starting while the other's session holds the node, writes its payload into that node instead
    /// of failing, and puts back a node of its own once the other's session ends (Curator's PersistentNode).
    /// </summary>
    public static Task RunSameIdAsync(InteropTarget target, string path) =>
        CuratorDriver.StoppingDriversAsync(stop => SameIdAsync(target with { StopDrivers = stop }, path));

    private static async Task SameIdAsync(InteropTarget target, string path)
    {
        var node = path + "/twin";
        var firstClient = await target.ConnectAsync();
        var first = new GroupMember(firstClient, path, "twin", "from-dotnet"u8.ToArray());
        await first.StartAsync().Bounded();
        var probe = await target.ConnectAsync();

        // The driver is ready once Curator's payload is in our session's node.
        var curator = await CuratorDriver.StartContendingAsync(probe, target.ConnectString, "same-id", path, 0, Path.GetTempPath(),
            stop: target.StopDrivers);
        var held = await probe.GetDataAsync(node).Bounded();
        Assert.Equal("from-curator", Encoding.UTF8.GetString(held.Data));
        Assert.Equal(firstClient.SessionId, held.Stat.EphemeralOwner);
        var curatorSession = (await probe.ExistsAsync(path + "-ready-curator").Bounded())!.Value.EphemeralOwner;

        // Our session ends: Curator puts back a node of its own.
        await firstClient.CloseAsync().Bounded();
        var curators = await Waits.NodeDataAsync(probe, node, d => d.Stat.EphemeralOwner == curatorSession);
        Assert.Equal("from-curator", Encoding.UTF8.GetString(curators.Data));

        // Ours does the same to Curator's node.
        var secondClient = await target.ConnectAsync();
        await using var second = new GroupMember(secondClient, path, "twin", "from-dotnet-2"u8.ToArray());
        await second.StartAsync().Bounded();
        held = await probe.GetDataAsync(node).Bounded();
        Assert.Equal("from-dotnet-2", Encoding.UTF8.GetString(held.Data));
        Assert.Equal(curatorSession, held.Stat.EphemeralOwner);
        Assert.Equal("from-dotnet-2", Encoding.UTF8.GetString((await second.GetCurrentMembersAsync().Bounded())["twin"]));

        // Released, Curator closes its session once its view shows our payload; the node comes back as ours.
        await probe.CreateAsync(path + "-release", null, Acl.OpenAclUnsafe).Bounded();
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);
        var ours = await Waits.NodeDataAsync(probe, node, d => d.Stat.EphemeralOwner == secondClient.SessionId);
        Assert.Equal("from-dotnet-2", Encoding.UTF8.GetString(ours.Data));
        Assert.Contains("recreated\n", stdout, StringComparison.Ordinal);
        Assert.Contains("overwritten=from-dotnet-2\n", stdout, StringComparison.Ordinal);
    }

    private static async Task JoinAndLeaveAsync(InteropTarget target, string path, Leaving leaving)
    {
        var dotnetClient = await target.ConnectAsync();
        var dotnet = new GroupMember(dotnetClient, path, "dotnet", "from-dotnet"u8.ToArray());
        await dotnet.StartAsync().Bounded();
        var probe = await target.ConnectAsync();
        await using var observer = new GroupMember(probe, path, "observer", "from-observer"u8.ToArray());
        await observer.StartAsync().Bounded();

        // The driver is ready once its own GroupMember's view holds "dotnet".
        var curator = await CuratorDriver.StartContendingAsync(probe, target.ConnectString, "group", path,
            leaving == Leaving.Close ? 0 : 1, Path.GetTempPath(), stop: target.StopDrivers);
        var members = await observer.GetCurrentMembersAsync().Bounded();
        Assert.Equal(["curator", "dotnet", "observer"], members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("from-curator", Encoding.UTF8.GetString(members["curator"]));
        Assert.Equal(["curator", "dotnet", "observer"], (await dotnet.GetCurrentMembersAsync().Bounded()).Keys.Order(StringComparer.Ordinal));

        if (leaving == Leaving.Close)
        {
            await dotnet.DisposeAsync().AsTask().Bounded();
        }
        else
        {
            await dotnetClient.CloseAsync().Bounded();
        }
        // Curator leaves only after its view has lost "dotnet" (it then prints left=dotnet).
        await Waits.NodeGoneAsync(probe, path + "/curator");
        Assert.Equal(["observer"], (await observer.GetCurrentMembersAsync().Bounded()).Keys);
        if (leaving == Leaving.Close)
        {
            // Its session still lives (the driver waits for this node), so only the close took the member away.
            Assert.NotNull(await probe.ExistsAsync(path + "-ready-curator").Bounded());
            await probe.CreateAsync(path + "-release", null, Acl.OpenAclUnsafe).Bounded();
        }
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Contains("members=curator=from-curator,dotnet=from-dotnet,observer=from-observer\n", stdout, StringComparison.Ordinal);
        Assert.Contains("left=dotnet\n", stdout, StringComparison.Ordinal);
    }
}
