using System.Text;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary>
/// Quota nodes written the way zkCli 3.8's setquota writes them: the parents of /zookeeper/quota/PATH, then
/// zookeeper_limits with the limits, then zookeeper_stats with "count=0,bytes=0" (which the server overwrites
/// with the subtree's real counts as the node is created).
/// </summary>
internal static class QuotaNodes
{
    public const string QuotaRoot = "/zookeeper/quota";

    /// <summary>zkCli's text for a hard count limit only (setquota -N).</summary>
    public static string HardCount(long count) => $"count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit={count}";

    public static string LimitsPath(string path) => QuotaRoot + path + "/zookeeper_limits";

    public static string StatsPath(string path) => QuotaRoot + path + "/zookeeper_stats";

    public static async Task SetQuotaAsync(this RawZkConnection zk, string path, string limits)
    {
        var node = QuotaRoot;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node += "/" + part;
            var (err, _) = await zk.CreateAsync(node);
            Assert.True(err is ErrorCode.Ok or ErrorCode.NodeExists, $"create {node}: {err}");
        }
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(LimitsPath(path), data: Encoding.UTF8.GetBytes(limits))).Err);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(StatsPath(path), data: "count=0,bytes=0"u8.ToArray())).Err);
    }

    /// <summary>Creates <paramref name="path"/> (no data) and sets a quota on it.</summary>
    public static async Task CreateWithQuotaAsync(this RawZkConnection zk, string path, string limits)
    {
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(path)).Err);
        await zk.SetQuotaAsync(path, limits);
    }

    /// <summary>Deletes the limits and stats nodes (zkCli's delquota without options deletes both).</summary>
    public static async Task DeleteQuotaAsync(this RawZkConnection zk, string path)
    {
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(LimitsPath(path)));
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(StatsPath(path)));
    }

    /// <summary>The text of the stats node of <paramref name="path"/>.</summary>
    public static async Task<string> StatsAsync(this RawZkConnection zk, string path) => await zk.TextAsync(StatsPath(path));

    public static async Task<string> TextAsync(this RawZkConnection zk, string path)
    {
        var (err, reply) = await zk.GetDataAsync(path);
        Assert.True(err == ErrorCode.Ok, $"getData {path}: {err}");
        return Encoding.UTF8.GetString(reply!.Data ?? []);
    }

    public static async Task<ErrorCode> CreateTextAsync(this RawZkConnection zk, string path, string data) =>
        (await zk.CreateAsync(path, data: Encoding.UTF8.GetBytes(data))).Err;

    public static async Task<ErrorCode> SetTextAsync(this RawZkConnection zk, string path, string data, int version = -1)
    {
        var (err, _) = await zk.CallAsync<SetDataResponse>(OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(data), version));
        return (ErrorCode)err;
    }

    public static async Task<ErrorCode> DeleteAsync(this RawZkConnection zk, string path)
    {
        var (header, _) = await zk.RequestAsync(OpCode.Delete, new DeleteRequest(path, -1));
        return (ErrorCode)header.Err;
    }

    /// <summary>Sends a multi; returns the reply header's code and each operation's code.</summary>
    public static async Task<(ErrorCode Err, ErrorCode[] Results)> MultiAsync(this RawZkConnection zk, params MultiOp[] ops)
    {
        var (header, body) = await zk.RequestAsync(OpCode.Multi, new MultiRequest(ops));
        var response = RawFrames.Read<MultiResponse>(body);
        return ((ErrorCode)header.Err, response.Results.Select(r => (ErrorCode)r.Err).ToArray());
    }

    public static MultiOp Create(string path, string data) =>
        new(OpCode.Create, new CreateRequest(path, Encoding.UTF8.GetBytes(data), Acl.OpenAclUnsafe, (int)CreateMode.Persistent));

    public static MultiOp SetData(string path, string data) =>
        new(OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(data), -1));

    public static MultiOp Delete(string path) => new(OpCode.Delete, new DeleteRequest(path, -1));
}
