using ZkNet.Protocol;
using ZkNet.Protocol.Jute;

namespace ZkNet.Durability.Tests.Support;

/// <summary>A reply: its header and the undecoded body.</summary>
internal sealed record WireReply(int Xid, long Zxid, ErrorCode Err, byte[] Body)
{
    public T Read<T>() where T : IJuteRecord<T>
    {
        var reader = new JuteReader(Body);
        return T.Deserialize(ref reader);
    }

    /// <summary>The body decoded as <typeparamref name="T"/>, after checking that the request succeeded.</summary>
    public T ReadOk<T>(string what) where T : IJuteRecord<T>
    {
        if (Err != ErrorCode.Ok)
        {
            throw new InvalidOperationException($"{what} failed: {Err}");
        }
        return Read<T>();
    }
}
