using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>Every frame of the captured Java client / Apache ZooKeeper 3.8 session against our records.</summary>
public sealed class GoldenRoundTripTests
{
    public static TheoryData<int> Frames => GoldenFrames.Numbers();

    [Theory]
    [MemberData(nameof(Frames))]
    public void Captured_frame_decodes_completely_and_reencodes_to_identical_bytes(int number)
    {
        var frame = GoldenFrames.Get(number);
        var records = GoldenSession.Decode(frame);
        Assert.Equal(Convert.ToHexString(frame.Bytes), Convert.ToHexString(JuteCodec.Frame(records)));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_truncation_of_a_captured_frame_raises_JuteException(int number)
    {
        var frame = GoldenFrames.Get(number);
        var bytes = frame.Bytes;
        for (var cut = 0; cut < bytes.Length - 4; cut++)
        {
            if (GoldenSession.IsConnect(frame) && cut == bytes.Length - 5)
            {
                continue; // dropping only the trailing readOnly byte leaves a valid pre-3.4 handshake (tested apart)
            }
            var length = cut;
            var error = Record.Exception(() => GoldenSession.Decode(frame, bytes.AsSpan(4, length), out _));
            Assert.True(error is JuteException, $"{frame} cut to {length} bytes: {error?.GetType().Name ?? "decoded without error"}");
        }
    }

    [Fact]
    public void Captured_session_holds_every_exchange_the_tests_rely_on()
    {
        var requests = GoldenFrames.All.Where(f => f.FromClient && !GoldenSession.IsConnect(f))
            .Select(f => (OpCode)GoldenSession.Header<RequestHeader>(f.Number).Type).ToHashSet();
        OpCode[] expected =
        [
            OpCode.Create, OpCode.Create2, OpCode.CreateContainer, OpCode.CreateTtl, OpCode.SetData, OpCode.GetData,
            OpCode.Exists, OpCode.GetChildren, OpCode.GetChildren2, OpCode.SetAcl, OpCode.GetAcl, OpCode.Multi,
            OpCode.MultiRead, OpCode.AddWatch, OpCode.Ping, OpCode.Auth, OpCode.WhoAmI, OpCode.GetEphemerals,
            OpCode.GetAllChildrenNumber, OpCode.Sync, OpCode.RemoveWatches, OpCode.Delete, OpCode.CloseSession,
        ];
        Assert.Empty(expected.Except(requests));
        var replies = GoldenFrames.All.Where(f => !f.FromClient && !GoldenSession.IsConnect(f))
            .Select(f => GoldenSession.Header<ReplyHeader>(f.Number)).ToList();
        Assert.Contains(replies, r => r.Xid == Xids.Notification);
        Assert.Contains(replies, r => r.Err != 0);
    }
}
