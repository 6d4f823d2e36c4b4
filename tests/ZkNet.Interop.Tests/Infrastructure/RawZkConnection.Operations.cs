using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Typed shortcuts for the requests the raw tests send most.</summary>
public sealed partial class RawZkConnection
{
    /// <summary>create with an open ACL; returns the error code and the created path.</summary>
    public async Task<(ErrorCode Err, string? Path)> CreateAsync(string path, CreateMode mode = CreateMode.Persistent, byte[]? data = null)
    {
        var (err, reply) = await CallAsync<CreateResponse>(OpCode.Create, new CreateRequest(path, data ?? [], Acl.OpenAclUnsafe, (int)mode));
        return ((ErrorCode)err, reply?.Path);
    }

    /// <summary>exists, optionally leaving a watch; returns the error code (NoNode when absent) and the Stat.</summary>
    public async Task<(ErrorCode Err, Stat? Stat)> ExistsAsync(string path, bool watch = false)
    {
        var (err, reply) = await CallAsync<ExistsResponse>(OpCode.Exists, new ExistsRequest(path, watch));
        return ((ErrorCode)err, reply?.Stat);
    }

    /// <summary>getData, optionally leaving a watch.</summary>
    public async Task<(ErrorCode Err, GetDataResponse? Reply)> GetDataAsync(string path, bool watch = false)
    {
        var (err, reply) = await CallAsync<GetDataResponse>(OpCode.GetData, new GetDataRequest(path, watch));
        return ((ErrorCode)err, reply);
    }

    /// <summary>Reads frames until a watch notification arrives and returns it.</summary>
    public async Task<WatcherEvent> NextNotificationAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no watch notification within {timeout}");
            }
            var next = await ReadNextAsync(left) ?? throw new IOException("server closed while waiting for a notification");
            if (next.Header.Xid == Xids.Notification)
            {
                return RawFrames.ReadReply<WatcherEvent>(next.Frame).Record;
            }
        }
    }
}
