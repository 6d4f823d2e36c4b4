using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol.Records;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using System.Buffers;

namespace ZkNet.Interop.Tests.Wire;

/// <summary>
/// Requests that clients normally refuse before sending (bad paths, flags, TTLs, ACLs), sent raw to see exactly
/// which error the server answers with.
/// </summary>
public abstract class RequestValidation(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output), IAsyncLifetime
{
    private readonly string _root = UniquePath.For("validation");
    private RawZkConnection? _raw;

    private RawZkConnection Raw => _raw!;

    public async Task InitializeAsync()
    {
        _raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await _raw.CreateAsync(_root)).Err);
    }

    public async Task DisposeAsync()
    {
        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("noslash")]
    [InlineData("")]
    [InlineData("{root}/")]
    [InlineData("{root}/.")]
    [InlineData("{root}/..")]
    [InlineData("{root}/a\u0000b")]
    [InlineData("{root}/\u0001")]
    public async Task Create_with_an_invalid_path_is_refused_with_BadArguments(string path)
    {
        Assert.Equal(ErrorCode.BadArguments, (await Raw.CreateAsync(path.Replace("{root}", _root, StringComparison.Ordinal))).Err);
    }

    [Fact]
    public async Task A_malformed_write_record_is_a_MarshallingError_logged_at_a_zxid_of_its_own()
    {
        var (before, _) = await Raw.RequestAsync(OpCode.Create, new CreateRequest(_root + "/m1", [], Acl.OpenAclUnsafe, 0));
        // A create whose path claims 5 bytes and carries 2: the record cannot be decoded.
        using (var buffer = new FrameBuffer())
        {
            var mark = buffer.BeginFrame();
            var writer = new JuteWriter(buffer);
            new RequestHeader(4242, (int)OpCode.Create).Serialize(writer);
            writer.WriteInt(5);
            buffer.Write("/t"u8);
            buffer.EndFrame(mark);
            await Raw.SendRawAsync(buffer.ToArray());
        }
        ReplyHeader malformed;
        do
        {
            malformed = (await Raw.ReadNextAsync() ?? throw new IOException("closed after the malformed create")).Header;
        }
        while (malformed.Xid != 4242);
        var (after, _) = await Raw.RequestAsync(OpCode.Create, new CreateRequest(_root + "/m2", [], Acl.OpenAclUnsafe, 0));

        Assert.Equal((int)ErrorCode.MarshallingError, malformed.Err);
        // As ZooKeeper's PrepRequestProcessor: the zxid is taken before the record is read, and an error txn is logged.
        Assert.Equal(before.Zxid + 1, malformed.Zxid);
        Assert.Equal((0, before.Zxid + 2), (after.Err, after.Zxid));
    }

    [Fact]
    public async Task Creating_the_root_answers_NodeExists()
    {
        Assert.Equal(ErrorCode.NodeExists, (await Raw.CreateAsync("/")).Err);
    }

    [Theory]
    [InlineData("{root}//b")]
    [InlineData("{root}/./b")]
    [InlineData("{root}/../b")]
    public async Task Create_under_an_empty_or_dot_segment_fails_with_NoNode_because_the_parent_is_looked_up_first(string path)
    {
        Assert.Equal(ErrorCode.NoNode, (await Raw.CreateAsync(path.Replace("{root}", _root, StringComparison.Ordinal))).Err);
    }

    [Fact]
    public async Task Reads_do_not_validate_paths_they_just_find_no_node()
    {
        Assert.Equal(ErrorCode.NoNode, (await Raw.GetDataAsync("noslash")).Err);
        Assert.Equal(ErrorCode.NoNode, (await Raw.ExistsAsync(_root + "//x")).Err);
        var (err, sync) = await Raw.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("noslash"));
        Assert.Equal(((int)ErrorCode.Ok, "noslash"), (err, sync!.Path));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Create_with_an_unknown_or_ttl_flag_is_refused_with_BadArguments(int flags)
    {
        var (err, _) = await Raw.RequestAsync(OpCode.Create, new CreateRequest($"{_root}/f{flags + 10}", [], Acl.OpenAclUnsafe, flags));
        Assert.Equal((int)ErrorCode.BadArguments, err.Err);
    }

    [Fact]
    public async Task CreateContainer_and_createTtl_answer_with_path_and_stat()
    {
        var (err, container) = await Raw.CallAsync<Create2Response>(OpCode.CreateContainer,
            new CreateRequest(_root + "/container", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        Assert.Equal(0, err);
        Assert.Equal(_root + "/container", container!.Path);
        Assert.Equal(container.Stat.Czxid, container.Stat.Mzxid);

        var (ttlErr, ttl) = await Raw.CallAsync<Create2Response>(OpCode.CreateTtl,
            new CreateTtlRequest(_root + "/ttl", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 60_000));
        Assert.Equal(0, ttlErr);
        Assert.Equal(_root + "/ttl", ttl!.Path);
        Assert.Equal(0L, ttl.Stat.EphemeralOwner);
    }

    [Theory]
    [InlineData((int)CreateMode.PersistentWithTtl, 0L)]
    [InlineData((int)CreateMode.PersistentWithTtl, -1L)]
    [InlineData((int)CreateMode.PersistentWithTtl, 1L << 40)]
    [InlineData((int)CreateMode.Persistent, 1000L)]
    [InlineData((int)CreateMode.Ephemeral, 1000L)]
    public async Task CreateTtl_needs_a_ttl_mode_and_a_ttl_between_1_and_2_to_the_40_minus_1(int flags, long ttl)
    {
        var (header, _) = await Raw.RequestAsync(OpCode.CreateTtl,
            new CreateTtlRequest($"{_root}/ttl-{flags}-{ttl}", [], Acl.OpenAclUnsafe, flags, ttl));
        Assert.Equal((int)ErrorCode.BadArguments, header.Err);
    }

    [Fact]
    public async Task Create_with_an_empty_or_null_acl_is_refused_with_InvalidACL()
    {
        var (empty, _) = await Raw.RequestAsync(OpCode.Create, new CreateRequest(_root + "/empty-acl", [], [], 0));
        Assert.Equal((int)ErrorCode.InvalidAcl, empty.Err);
        var (nullAcl, _) = await Raw.RequestAsync(OpCode.Create, new CreateRequest(_root + "/null-acl", [], null!, 0));
        Assert.Equal((int)ErrorCode.InvalidAcl, nullAcl.Err);
    }

    [Fact]
    public async Task AddWatch_accepts_a_missing_node_and_refuses_an_unknown_mode_with_MarshallingError()
    {
        var (missing, _) = await Raw.RequestAsync(OpCode.AddWatch, new AddWatchRequest(_root + "/not-yet", (int)AddWatchMode.PersistentRecursive));
        Assert.Equal(0, missing.Err);
        var (bad, _) = await Raw.RequestAsync(OpCode.AddWatch, new AddWatchRequest(_root, 7));
        Assert.Equal((int)ErrorCode.MarshallingError, bad.Err);
    }
}
