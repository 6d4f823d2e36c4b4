using BenchmarkDotNet.Attributes;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Benchmarks;

/// <summary>
/// Encoding and decoding the records of the hottest requests and replies, each as a whole frame (length,
/// header, body), the way a client or the server handles it. Allocation per operation is the figure to watch.
/// </summary>
[MemoryDiagnoser]
public class JuteRecordBenchmarks : IDisposable
{
    private const string Path = "/zknet-bench/run/keys/k123";
    private static readonly Stat SampleStat = new(0x1_0000_0042, 0x1_0000_0099, 1_700_000_000_000, 1_700_000_000_500, 7, 0, 0, 0, 100, 0, 0x1_0000_0042);
    private readonly FrameBuffer _buffer = new(64 * 1024);
    private readonly byte[] _value = new byte[100];
    private GetDataRequest _getData = null!;
    private SetDataRequest _setData = null!;
    private CreateRequest _create = null!;
    private byte[] _getDataRequestFrame = null!;
    private byte[] _getDataReplyFrame = null!;
    private byte[] _getChildrenReplyFrame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _getData = new GetDataRequest(Path, false);
        _setData = new SetDataRequest(Path, _value, -1);
        _create = new CreateRequest(Path, _value, Acl.OpenAclUnsafe, (int)CreateMode.Persistent);
        _getDataRequestFrame = Frame(b => Write(b, new RequestHeader(42, (int)OpCode.GetData), _getData));
        _getDataReplyFrame = Frame(b => Write(b, new ReplyHeader(42, 0x1_0000_0099, 0), new GetDataResponse(_value, SampleStat)));
        var children = Enumerable.Range(0, 10).Select(i => "c" + i).ToList();
        _getChildrenReplyFrame = Frame(b => Write(b, new ReplyHeader(43, 0x1_0000_0099, 0), new GetChildrenResponse(children)));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _buffer.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "encode getData request frame")]
    public int EncodeGetDataRequest()
    {
        _buffer.Clear();
        Write(_buffer, new RequestHeader(42, (int)OpCode.GetData), _getData);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "encode setData request frame (100 B)")]
    public int EncodeSetDataRequest()
    {
        _buffer.Clear();
        Write(_buffer, new RequestHeader(43, (int)OpCode.SetData), _setData);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "encode create request frame (100 B, open ACL)")]
    public int EncodeCreateRequest()
    {
        _buffer.Clear();
        Write(_buffer, new RequestHeader(44, (int)OpCode.Create), _create);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "encode getData reply frame (100 B + Stat)")]
    public int EncodeGetDataReply()
    {
        _buffer.Clear();
        Write(_buffer, new ReplyHeader(42, 0x1_0000_0099, 0), new GetDataResponse(_value, SampleStat));
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "decode getData request frame")]
    public bool DecodeGetDataRequest()
    {
        var reader = new JuteReader(_getDataRequestFrame.AsSpan(4));
        var header = RequestHeader.Deserialize(ref reader);
        var request = GetDataRequest.Deserialize(ref reader);
        return header.Type == (int)OpCode.GetData && request.Watch;
    }

    [Benchmark(Description = "decode getData reply frame (100 B + Stat)")]
    public int DecodeGetDataReply()
    {
        var reader = new JuteReader(_getDataReplyFrame.AsSpan(4));
        var header = ReplyHeader.Deserialize(ref reader);
        var reply = GetDataResponse.Deserialize(ref reader);
        return header.Err + reply.Stat.Version;
    }

    [Benchmark(Description = "decode getChildren reply frame (10 names)")]
    public int DecodeGetChildrenReply()
    {
        var reader = new JuteReader(_getChildrenReplyFrame.AsSpan(4));
        ReplyHeader.Deserialize(ref reader);
        return GetChildrenResponse.Deserialize(ref reader).Children.Count;
    }

    [Benchmark(Description = "decode reply header only")]
    public int DecodeReplyHeader()
    {
        var reader = new JuteReader(_getDataReplyFrame.AsSpan(4));
        return ReplyHeader.Deserialize(ref reader).Xid;
    }

    private static void Write<THeader, TBody>(FrameBuffer buffer, THeader header, TBody body)
        where THeader : IJuteRecord
        where TBody : IJuteRecord
    {
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        header.Serialize(writer);
        body.Serialize(writer);
        buffer.EndFrame(mark);
    }

    private static byte[] Frame(Action<FrameBuffer> write)
    {
        using var buffer = new FrameBuffer();
        write(buffer);
        return buffer.ToArray();
    }
}
