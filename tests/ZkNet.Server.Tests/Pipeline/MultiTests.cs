using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>multi and multiRead, with the results Apache ZooKeeper 3.8 gives for the same requests.</summary>
public sealed class MultiTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture = new();
    private TestClient _client = null!;

    public async Task InitializeAsync() => _client = await _fixture.ConnectAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private static CreateRequest Create(string path, CreateMode mode = CreateMode.Persistent) =>
        new(path, "d"u8.ToArray(), Acl.OpenAclUnsafe, (int)mode);

    [Fact]
    public async Task Successful_multi_returns_one_result_per_operation_at_one_zxid()
    {
        var reply = await _client.CallAsync(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, Create("/m")),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/m", 0)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/m", "x"u8.ToArray(), 0)),
            new MultiOp(OpCode.Create, Create("/m/s-", CreateMode.PersistentSequential)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/m/s-0000000000", -1)),
        ]));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = reply.Read<MultiResponse>().Results;
        Assert.Equal([OpCode.Create, OpCode.Check, OpCode.SetData, OpCode.Create, OpCode.Delete], results.Select(r => (OpCode)r.Type));
        Assert.All(results, r => Assert.Equal(0, r.Err));
        Assert.Equal("/m/s-0000000000", ((CreateResponse)results[3].Body!).Path);
        var stat = ((SetDataResponse)results[2].Body!).Stat;
        Assert.Equal(reply.Header.Zxid, stat.Czxid);
        Assert.Equal(reply.Header.Zxid, stat.Mzxid);
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/m/s-0000000000")).Err);
    }

    [Fact]
    public async Task Failed_multi_rolls_back_and_reports_zero_the_error_then_RuntimeInconsistency()
    {
        var before = _fixture.Server.LastZxid;

        var reply = await _client.CallAsync(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, Create("/m1")),
            new MultiOp(OpCode.Create, Create("/m1")),
            new MultiOp(OpCode.SetData, new SetDataRequest("/nope", [], -1)),
        ]));

        // The reply header itself says OK: the outcome is in the results.
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(before + 1, reply.Header.Zxid);
        var results = reply.Read<MultiResponse>().Results;
        Assert.Equal([0, (int)ErrorCode.NodeExists, (int)ErrorCode.RuntimeInconsistency], results.Select(r => r.Err));
        Assert.All(results, r => Assert.Equal((int)OpCode.Error, r.Type));
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/m1")).Err);
    }

    [Fact]
    public async Task Later_operations_see_earlier_ones_of_the_same_multi()
    {
        var reply = await _client.CallAsync(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, Create("/p")),
            new MultiOp(OpCode.Create, Create("/p/c")),
            new MultiOp(OpCode.Delete, new DeleteRequest("/p", -1)),
        ]));

        var results = reply.Read<MultiResponse>().Results;
        Assert.Equal([0, 0, (int)ErrorCode.NotEmpty], results.Select(r => r.Err));
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/p")).Err);
    }

    [Fact]
    public async Task Failed_multi_does_not_disturb_sequential_numbering()
    {
        await _client.CreateAsync("/q");
        await _client.CallAsync(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, Create("/q/s-", CreateMode.PersistentSequential)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/q", 42)),
        ]));

        var next = await _client.CreateAsync("/q/s-", mode: CreateMode.PersistentSequential);

        Assert.Equal("/q/s-0000000000", next.Read<Create2Response>().Path);
    }

    [Fact]
    public async Task Empty_multi_succeeds_with_no_results()
    {
        var reply = await _client.CallAsync(OpCode.Multi, new MultiRequest([]));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Empty(reply.Read<MultiResponse>().Results);
    }

    [Fact]
    public async Task Read_inside_a_write_multi_is_a_MarshallingError_and_the_connection_stays()
    {
        var reply = await _client.CallAsync(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, Create("/r")),
            new MultiOp(OpCode.GetData, new GetDataRequest("/r", false)),
        ]));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/r")).Err);
    }

    [Fact]
    public async Task MultiRead_answers_each_read_on_its_own()
    {
        await _client.CreateAsync("/mr", "v");
        await _client.CreateAsync("/mr/c");

        var reply = await _client.CallAsync(OpCode.MultiRead, new MultiRequest([
            new MultiOp(OpCode.GetData, new GetDataRequest("/mr", false)),
            new MultiOp(OpCode.GetData, new GetDataRequest("/missing", false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/mr", false)),
        ]));

        var results = reply.Read<MultiResponse>().Results;
        Assert.Equal("v"u8.ToArray(), ((GetDataResponse)results[0].Body!).Data);
        Assert.Equal(((int)OpCode.Error, (int)ErrorCode.NoNode), (results[1].Type, results[1].Err));
        Assert.Equal(["c"], ((GetChildrenResponse)results[2].Body!).Children);
    }
}
