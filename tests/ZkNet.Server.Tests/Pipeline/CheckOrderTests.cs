using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// When a request breaks several rules, the answer is the first check ZooKeeper's PrepRequestProcessor makes.
/// Every expectation here was observed on Apache ZooKeeper 3.8 with raw requests (no client-side validation).
/// </summary>
public sealed class CheckOrderTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<Acl> ReadOnly = [new(Perms.Read, Id.AnyoneIdUnsafe)];
    private readonly ServerFixture _fixture = new();
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await _fixture.ConnectAsync();
        await _client.CreateAsync("/a");
        await _client.CreateAsync("/locked", acl: ReadOnly);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    public async Task Unknown_create_flags_are_BadArguments_before_anything_else(int flags)
    {
        var reply = await _client.CallAsync(OpCode.Create2, new CreateRequest("/nope/x", [], [], flags));

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task Ttl_without_extended_types_is_Unimplemented()
    {
        var reply = await _client.CallAsync(OpCode.CreateTtl,
            new CreateTtlRequest("/t", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 1000));

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
    }

    [Fact]
    public async Task Invalid_acl_is_reported_before_a_missing_parent()
    {
        var reply = await _client.CallAsync(OpCode.Create2, new CreateRequest("/nope/x", [], [], 0));

        Assert.Equal(ErrorCode.InvalidAcl, reply.Err);
    }

    [Theory]
    [InlineData("nos")]
    [InlineData("")]
    [InlineData("/nope/x\0")]
    public async Task Path_without_a_slash_or_with_a_null_is_BadArguments_even_under_a_missing_parent(string path) =>
        Assert.Equal(ErrorCode.BadArguments, (await _client.CreateAsync(path)).Err);

    [Theory]
    [InlineData("/nope/x")]
    [InlineData("/nope/.")]
    [InlineData("/nope/")]
    [InlineData("/a//b")]
    public async Task Missing_parent_is_NoNode_before_the_name_is_validated(string path) =>
        Assert.Equal(ErrorCode.NoNode, (await _client.CreateAsync(path)).Err);

    [Fact]
    public async Task Parent_without_create_permission_is_NoAuth_before_the_name_is_validated()
    {
        Assert.Equal(ErrorCode.NoAuth, (await _client.CreateAsync("/locked/x")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await _client.CreateAsync("/locked/.")).Err);
    }

    [Theory]
    [InlineData("/a/.")]
    [InlineData("/a/..")]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("/a/x\u0001")]
    public async Task Invalid_name_under_an_existing_parent_is_BadArguments(string path) =>
        Assert.Equal(ErrorCode.BadArguments, (await _client.CreateAsync(path)).Err);

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/a")]
    public async Task Creating_an_existing_node_is_NodeExists(string path) =>
        Assert.Equal(ErrorCode.NodeExists, (await _client.CreateAsync(path)).Err);

    [Fact]
    public async Task Sequential_create_directly_under_the_root_is_allowed()
    {
        var reply = await _client.CreateAsync("/", mode: CreateMode.PersistentSequential);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Matches("^/[0-9]{10}$", reply.Read<Create2Response>().Path);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/zookeeper/config")]
    [InlineData("nos")]
    public async Task Deleting_a_special_or_relative_path_is_BadArguments(string path) =>
        Assert.Equal(ErrorCode.BadArguments, (await _client.DeleteAsync(path)).Err);

    [Theory]
    [InlineData("/a/")]
    [InlineData("/a/.")]
    [InlineData("/a//")]
    [InlineData("/nope/x")]
    [InlineData("/a/missing")]
    public async Task Deleting_what_does_not_exist_is_NoNode_even_for_a_malformed_name(string path) =>
        Assert.Equal(ErrorCode.NoNode, (await _client.DeleteAsync(path)).Err);

    [Fact]
    public async Task Delete_without_permission_on_the_parent_is_NoAuth_even_for_a_missing_child() =>
        Assert.Equal(ErrorCode.NoAuth, (await _client.DeleteAsync("/locked/missing")).Err);

    [Fact]
    public async Task Delete_reports_BadVersion_before_NotEmpty()
    {
        await _client.CreateAsync("/a/c");

        Assert.Equal(ErrorCode.BadVersion, (await _client.DeleteAsync("/a", version: 3)).Err);
        Assert.Equal(ErrorCode.NotEmpty, (await _client.DeleteAsync("/a", version: 0)).Err);
    }

    [Fact]
    public async Task SetData_validates_the_path_then_existence_then_permission_then_version()
    {
        Assert.Equal(ErrorCode.BadArguments, (await _client.SetDataAsync("/a/", "x")).Err);
        Assert.Equal(ErrorCode.NoNode, (await _client.SetDataAsync("/missing", "x", version: 9)).Err);
        Assert.Equal(ErrorCode.NoAuth, (await _client.SetDataAsync("/locked", "x", version: 9)).Err);
        Assert.Equal(ErrorCode.BadVersion, (await _client.SetDataAsync("/a", "x", version: 9)).Err);
    }

    [Fact]
    public async Task SetAcl_validates_the_acl_before_existence_and_permission_before_version()
    {
        var invalid = await _client.CallAsync(OpCode.SetAcl, new SetAclRequest("/missing", [], -1));
        var missing = await _client.CallAsync(OpCode.SetAcl, new SetAclRequest("/missing", Acl.OpenAclUnsafe, -1));
        var denied = await _client.CallAsync(OpCode.SetAcl, new SetAclRequest("/locked", Acl.OpenAclUnsafe, 7));
        var stale = await _client.CallAsync(OpCode.SetAcl, new SetAclRequest("/a", Acl.OpenAclUnsafe, 7));
        var done = await _client.CallAsync(OpCode.SetAcl, new SetAclRequest("/a", ReadOnly, 0));

        Assert.Equal(ErrorCode.InvalidAcl, invalid.Err);
        Assert.Equal(ErrorCode.NoNode, missing.Err);
        Assert.Equal(ErrorCode.NoAuth, denied.Err);
        Assert.Equal(ErrorCode.BadVersion, stale.Err);
        Assert.Equal(1, done.Read<SetAclResponse>().Stat.Aversion);
    }

    [Fact]
    public async Task Reads_report_NoNode_before_NoAuth_and_exists_needs_no_permission()
    {
        await _client.CreateAsync("/secret", acl: [new Acl(Perms.Write, Id.AnyoneIdUnsafe)]);

        Assert.Equal(ErrorCode.NoNode, (await _client.GetDataAsync("/missing")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await _client.GetDataAsync("/secret")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await _client.CallAsync(OpCode.GetChildren, new GetChildrenRequest("/secret", false))).Err);
        Assert.Equal(ErrorCode.NoAuth, (await _client.CallAsync(OpCode.GetAcl, new GetAclRequest("/secret"))).Err);
        Assert.Equal(ErrorCode.Ok, (await _client.ExistsAsync("/secret")).Err);
    }
}
