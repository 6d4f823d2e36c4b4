using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>The captured session decoded with our records: which opcode each xid was, and each frame's records.</summary>
internal static class GoldenSession
{
    private static readonly Lazy<Dictionary<int, OpCode>> OpsByXid = new(() =>
    {
        var ops = new Dictionary<int, OpCode>();
        foreach (var frame in GoldenFrames.All.Where(f => f.FromClient && !IsConnect(f)))
        {
            var header = JuteCodec.DecodePrefix<RequestHeader>(frame.Bytes[4..]);
            ops[header.Xid] = (OpCode)header.Type;
        }
        return ops;
    });

    /// <summary>The opcode of the request the session sent with <paramref name="xid"/>.</summary>
    public static OpCode OpOf(int xid) =>
        OpsByXid.Value.TryGetValue(xid, out var op) ? op : throw new JuteException($"no request with xid {xid}");

    /// <summary>Whether the frame is its direction's first (the connect handshake has no header).</summary>
    public static bool IsConnect(GoldenFrame frame) => frame.Number is 1 or 2;

    /// <summary>Decodes the packet body, which must be consumed exactly.</summary>
    public static List<IJuteRecord> Decode(GoldenFrame frame)
    {
        var records = Decode(frame, frame.Body, out var remaining);
        Assert.True(remaining == 0, $"{frame}: {remaining} bytes left over after decoding");
        return records;
    }

    /// <summary>Decodes <paramref name="body"/> as <paramref name="frame"/>'s kind of packet.</summary>
    public static List<IJuteRecord> Decode(GoldenFrame frame, ReadOnlySpan<byte> body, out int remaining) =>
        frame.FromClient
            ? WireDecoder.DecodeRequest(body, IsConnect(frame), out remaining)
            : WireReplyDecoder.DecodeReply(body, IsConnect(frame), OpOf, out remaining);

    /// <summary>The frame's records after the header (the body record of an ordinary request or reply).</summary>
    public static T Body<T>(int number) => Assert.IsType<T>(Decode(GoldenFrames.Get(number))[1]);

    /// <summary>The frame's header record.</summary>
    public static T Header<T>(int number) => Assert.IsType<T>(Decode(GoldenFrames.Get(number))[0]);
}
