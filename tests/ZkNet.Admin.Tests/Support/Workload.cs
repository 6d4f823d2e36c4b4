using ZkNet.Client;
using ZkNet.Client.Watches;
using ZkNet.Protocol.Records;

namespace ZkNet.Admin.Tests.Support;

/// <summary>
/// The same small workload for both servers: persistent nodes with data, an ephemeral, a data watch, a child watch
/// and an exists watch. The returned client stays connected so that its session, ephemeral and watches stay counted.
/// </summary>
internal static class Workload
{
    /// <summary>Paths the workload creates under /w (plus /w itself).</summary>
    public const int PersistentNodes = 4;

    public static async Task<ZooKeeperClient> RunAsync(string connectString)
    {
        var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = connectString,
            SessionTimeout = TimeSpan.FromSeconds(10),
        });
        await zk.CreateAsync("/w", "root"u8.ToArray(), Acl.OpenAclUnsafe);
        await zk.CreateAsync("/w/a", "alpha"u8.ToArray(), Acl.OpenAclUnsafe);
        await zk.CreateAsync("/w/b", "beta"u8.ToArray(), Acl.OpenAclUnsafe);
        await zk.CreateAsync("/w/c", null, Acl.OpenAclUnsafe);
        await zk.CreateAsync("/w/eph", "e"u8.ToArray(), Acl.OpenAclUnsafe, Protocol.CreateMode.Ephemeral);
        var ignore = Watcher.Create(_ => { });
        await zk.GetDataAsync("/w/a", ignore);
        await zk.GetChildrenAsync("/w", ignore);
        await zk.ExistsAsync("/w/b", ignore);
        return zk;
    }
}
