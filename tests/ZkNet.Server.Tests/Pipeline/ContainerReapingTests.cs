using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>Containers and TTL nodes are reaped by the server's own deletes, on virtual time.</summary>
public sealed class ContainerReapingTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture = new(new ZooKeeperServerOptions { ExtendedTypesEnabled = true, ContainerCheckIntervalMs = 1000 });
    private TestClient _client = null!;

    public async Task InitializeAsync() => _client = await _fixture.ConnectAsync(timeoutMs: 40_000);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private Task<Reply> CreateContainerAsync(string path) =>
        _client.CallAsync(OpCode.CreateContainer, new CreateRequest(path, [], Acl.OpenAclUnsafe, (int)CreateMode.Container));

    private Task<Reply> CreateTtlAsync(string path, long ttl) =>
        _client.CallAsync(OpCode.CreateTtl, new CreateTtlRequest(path, [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, ttl));

    /// <summary>Lets the reaper run, then makes a round trip so that its work is done before the test looks.</summary>
    private async Task PassAsync(TimeSpan time)
    {
        _fixture.Advance(time);
        await _client.ExistsAsync("/");
    }

    [Fact]
    public async Task Container_whose_last_child_goes_is_deleted_and_watchers_are_told()
    {
        Assert.Equal(ErrorCode.Ok, (await CreateContainerAsync("/c")).Err);
        await _client.CreateAsync("/c/x");
        await _client.DeleteAsync("/c/x");
        await _client.ExistsAsync("/c", watch: true);

        await PassAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/c")).Err);
        Assert.Contains(_client.Events, e => e.Type == (int)EventType.NodeDeleted && e.Path == "/c");
    }

    [Fact]
    public async Task Container_that_never_had_a_child_or_still_has_one_is_kept()
    {
        await CreateContainerAsync("/empty");
        await CreateContainerAsync("/busy");
        await _client.CreateAsync("/busy/x");

        await PassAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/empty")).Err);
        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/busy")).Err);
    }

    [Fact]
    public async Task CreateContainer_makes_a_container_whatever_the_flags_say()
    {
        // Apache ZooKeeper picks the txn from the opcode: createContainer with flags 0 still makes a container.
        var reply = await _client.CallAsync(OpCode.CreateContainer, new CreateRequest("/c0", [], Acl.OpenAclUnsafe, (int)CreateMode.Persistent));
        await _client.CreateAsync("/c0/x");
        await _client.DeleteAsync("/c0/x");

        await PassAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/c0")).Err);
    }

    [Fact]
    public async Task Create2_with_the_container_flag_makes_a_plain_persistent_node()
    {
        var reply = await _client.CreateAsync("/p", mode: CreateMode.Container);
        await _client.CreateAsync("/p/x");
        await _client.DeleteAsync("/p/x");

        await PassAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/p")).Err);
    }

    [Fact]
    public async Task Ttl_node_unmodified_for_longer_than_its_ttl_is_deleted()
    {
        Assert.Equal(ErrorCode.Ok, (await CreateTtlAsync("/t", 5000)).Err);

        await PassAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/t")).Err);

        await PassAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/t")).Err);
    }

    [Fact]
    public async Task Modifying_a_ttl_node_restarts_its_clock_and_children_keep_it()
    {
        await CreateTtlAsync("/t1", 5000);
        await CreateTtlAsync("/t2", 5000);
        await _client.CreateAsync("/t2/child");

        await PassAsync(TimeSpan.FromSeconds(4));
        await _client.SetDataAsync("/t1", "touch");
        await PassAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/t1")).Err);
        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/t2")).Err);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(0x100_0000_0000)]
    public async Task Ttl_out_of_range_is_BadArguments(long ttl) =>
        Assert.Equal(ErrorCode.BadArguments, (await CreateTtlAsync("/bad", ttl)).Err);

    [Fact]
    public async Task Ttl_opcode_with_a_non_ttl_mode_is_BadArguments()
    {
        var reply = await _client.CallAsync(OpCode.CreateTtl, new CreateTtlRequest("/bad", [], Acl.OpenAclUnsafe, (int)CreateMode.Persistent, 100));

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }
}
