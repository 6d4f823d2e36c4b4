using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Support;

internal sealed partial class WireClient
{
    public Task<WireReply> CreateAsync(string path, byte[]? data, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null) =>
        CallAsync(OpCode.Create, new CreateRequest(path, data, acl ?? Acl.OpenAclUnsafe, (int)mode));

    public Task<WireReply> CreateAsync(string path, string data, CreateMode mode = CreateMode.Persistent) =>
        CreateAsync(path, Encoding.UTF8.GetBytes(data), mode);

    public Task<WireReply> SetDataAsync(string path, string data, int version = -1) =>
        CallAsync(OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(data), version));

    public Task<WireReply> DeleteAsync(string path, int version = -1) => CallAsync(OpCode.Delete, new DeleteRequest(path, version));

    public Task<WireReply> MultiAsync(params MultiOp[] ops) => CallAsync(OpCode.Multi, new MultiRequest(ops));

    public Task<WireReply> GetDataAsync(string path, bool watch = false) => CallAsync(OpCode.GetData, new GetDataRequest(path, watch));

    public Task<WireReply> GetChildrenAsync(string path) => CallAsync(OpCode.GetChildren2, new GetChildren2Request(path, false));

    public Task<WireReply> GetAclAsync(string path) => CallAsync(OpCode.GetAcl, new GetAclRequest(path));

    public Task<WireReply> ExistsAsync(string path, bool watch = false) => CallAsync(OpCode.Exists, new ExistsRequest(path, watch));

    /// <summary>Closes the session (its ephemerals go) and waits for the reply.</summary>
    public Task<WireReply> CloseSessionAsync() => CallAsync(OpCode.CloseSession, null);

    /// <summary>addAuth: its reply carries the reserved auth xid.</summary>
    public async Task AddAuthAsync(string scheme, string auth)
    {
        var completion = new TaskCompletionSource<WireReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[Xids.Auth] = completion;
        }
        await SendAsync(Frame(new RequestHeader(Xids.Auth, (int)OpCode.Auth), new AuthPacket(0, scheme, Encoding.UTF8.GetBytes(auth))));
        var reply = await completion.Task.WaitAsync(CallTimeout);
        if (reply.Err != ErrorCode.Ok)
        {
            throw new InvalidOperationException($"addAuth {scheme} failed: {reply.Err}");
        }
    }

    /// <summary>The data of <paramref name="path"/> as UTF-8, or null when the node does not exist.</summary>
    public async Task<(string Data, Stat Stat)?> TryGetStringAsync(string path)
    {
        var reply = await GetDataAsync(path);
        if (reply.Err == ErrorCode.NoNode)
        {
            return null;
        }
        var data = reply.ReadOk<GetDataResponse>("getData " + path);
        return (Encoding.UTF8.GetString(data.Data ?? []), data.Stat);
    }

    /// <summary>Waits (bounded) for a notification matching <paramref name="match"/>.</summary>
    public async Task<WatcherEvent> NextEventAsync(Func<WatcherEvent, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (await Events.WaitToReadAsync(cts.Token))
        {
            while (Events.TryRead(out var e))
            {
                if (match(e))
                {
                    return e;
                }
            }
        }
        throw new ConnectionLostException("connection closed while waiting for a notification");
    }
}
