using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>The MultiRequest / MultiResponse records against the captured multi and multiRead frames.</summary>
public sealed class GoldenMultiRecordTests
{
    // The packet after its 4-byte length and 8-byte RequestHeader (16-byte ReplyHeader for replies).
    private static byte[] Body(int number, bool reply) => GoldenFrames.Get(number).Bytes[(reply ? 20 : 12)..];

    [Theory]
    [InlineData(45)]
    [InlineData(47)]
    [InlineData(49)]
    public void MultiRequest_decodes_the_captured_request_and_reencodes_it_identically(int number)
    {
        var bytes = Body(number, reply: false);
        var request = JuteCodec.Decode<MultiRequest>(bytes);
        Assert.Equal(bytes, JuteCodec.Encode(request));
    }

    [Theory]
    [InlineData(46)]
    [InlineData(48)]
    [InlineData(50)]
    public void MultiResponse_decodes_the_captured_reply_and_reencodes_it_identically(int number)
    {
        var bytes = Body(number, reply: true);
        var response = JuteCodec.Decode<MultiResponse>(bytes);
        Assert.Equal(bytes, JuteCodec.Encode(response));
    }

    [Fact]
    public void Captured_multi_request_reads_as_its_operations()
    {
        var request = JuteCodec.Decode<MultiRequest>(Body(45, reply: false));
        Assert.Equal([OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Delete], request.Ops.Select(o => o.Type));
        Assert.Equal(new CheckVersionRequest("/golden", 2), request.Ops[2].Record);
    }

    [Fact]
    public void Captured_failed_multi_reads_as_error_results_with_the_failing_code()
    {
        var response = JuteCodec.Decode<MultiResponse>(Body(48, reply: true));
        Assert.Equal([((int)OpCode.Error, 0), ((int)OpCode.Error, (int)ErrorCode.NoNode)], response.Results.Select(r => (r.Type, r.Err)));
    }

    [Fact]
    public void Captured_multiRead_reply_reads_as_children_data_and_an_error()
    {
        var response = JuteCodec.Decode<MultiResponse>(Body(50, reply: true));
        Assert.IsType<GetChildrenResponse>(response.Results[0].Body);
        Assert.IsType<GetDataResponse>(response.Results[1].Body);
        Assert.Equal(((int)OpCode.Error, (int)ErrorCode.NoNode), (response.Results[2].Type, response.Results[2].Err));
    }

    [Theory]
    [InlineData(45, false)]
    [InlineData(50, true)]
    public void Every_truncation_of_a_captured_multi_raises_JuteException(int number, bool reply)
    {
        var bytes = Body(number, reply);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var length = cut;
            var error = Record.Exception(() =>
            {
                var reader = new JuteReader(bytes.AsSpan(0, length));
                _ = reply ? (object)MultiResponse.Deserialize(ref reader) : MultiRequest.Deserialize(ref reader);
            });
            Assert.True(error is JuteException, $"frame {number} cut to {length}: {error?.GetType().Name ?? "decoded"}");
        }
    }
}
