using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ZkNet.Recipes.Queue;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// A ZkNet DistributedPriorityQueue and Curator's (Java/CoordinationRecipes.java, kind "priority") hand items to each
/// other through one path each way; each side must take the other's items lowest priority first, ties in put order,
/// and a multi-item node's items together. Items are named "name@priority" so either side can work out the order.
/// </summary>
public static class CuratorPriorityQueueScenario
{
    /// <summary>What ZkNet puts one by one: both extremes, ties and both signs.</summary>
    private static readonly string[] DotnetItems = ["dotnet-a@3", "dotnet-b@-7", "dotnet-c@3", "dotnet-d@-2147483648", "dotnet-e@2147483647",
        "dotnet-f@0", "dotnet-g@-1"];

    /// <summary>What ZkNet puts in one node, at priority -5.</summary>
    private static readonly string[] DotnetMulti = ["dotnet-m1@-5", "dotnet-m2@-5"];

    /// <summary>What the Java driver puts, in its order (JAVA_ITEMS, then its putMulti at priority 1).</summary>
    private static readonly string[] JavaItems = ["java-a@7", "java-b@-3", "java-c@0", "java-d@2147483647", "java-e@-2147483648",
        "java-f@7", "java-g@-1", "java-m1@1", "java-m2@1"];

    /// <summary>Curator's priority node name: queue-, the sign digit and 8 upper-case hex digits, the 10-digit sequence.</summary>
    private static readonly Regex CuratorName = new("^queue-[01][0-9A-F]{8}[0-9]{10}$", RegexOptions.CultureInvariant);

    /// <summary>Runs the exchange on <paramref name="path"/>/to-java and <paramref name="path"/>/to-dotnet.</summary>
    public static Task RunAsync(InteropTarget target, string path) =>
        CuratorDriver.StoppingDriversAsync(stop => ExchangeAsync(target with { StopDrivers = stop }, path));

    private static async Task ExchangeAsync(InteropTarget target, string path)
    {
        var zk = await target.ConnectAsync();
        var toJava = new DistributedPriorityQueue(zk, path + "/to-java");
        foreach (var item in DotnetItems)
        {
            await toJava.PutAsync(Encoding.UTF8.GetBytes(item), PriorityOf(item)).Bounded();
        }
        await toJava.PutMultiAsync([.. DotnetMulti.Select(Encoding.UTF8.GetBytes)], PriorityOf(DotnetMulti[0])).Bounded();
        var curator = await CuratorDriver.StartContendingAsync(zk, target.ConnectString, "priority", path,
            DotnetItems.Length + DotnetMulti.Length, Path.GetTempPath(), stop: target.StopDrivers);

        // Once every Curator put is in, its nodes must be named as ours would be for the same priority.
        await Waits.NodeExistsAsync(zk, path + "-put-curator");
        var names = await zk.GetChildrenAsync(path + "/to-dotnet").Bounded();
        Assert.Equal(JavaItems.Length - 1, names.Count);
        foreach (var name in names)
        {
            Assert.Matches(CuratorName, name);
            var first = Encoding.UTF8.GetString(QueueItemFormat.Decode((await zk.GetDataAsync(path + "/to-dotnet/" + name).Bounded()).Data!)[0]);
            Assert.Equal(DistributedQueue.ItemName + DistributedPriorityQueue.PriorityPrefix(PriorityOf(first)), name[..^10]);
        }
        var fromJava = new DistributedPriorityQueue(await target.ConnectAsync(), path + "/to-dotnet");
        var got = new List<string>();
        for (var i = 0; i < JavaItems.Length; i++)
        {
            got.Add(Encoding.UTF8.GetString(await fromJava.TakeAsync().Bounded()));
        }
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Equal(InPriorityOrder(JavaItems), got);
        Assert.Contains("got=" + string.Join(",", InPriorityOrder([.. DotnetItems, .. DotnetMulti])) + "\n", stdout, StringComparison.Ordinal);
        Assert.Null(await toJava.TryTakeAsync().Bounded());
    }

    private static int PriorityOf(string item) => int.Parse(item[(item.IndexOf('@', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Lowest priority first, ties in put order (OrderBy is stable).</summary>
    private static List<string> InPriorityOrder(IEnumerable<string> items) => [.. items.OrderBy(PriorityOf)];
}
