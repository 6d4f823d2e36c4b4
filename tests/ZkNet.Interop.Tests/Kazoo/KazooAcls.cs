using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary>ACLs and authentication driven by kazoo: world, digest, ip and auth schemes, and each refusal's code.</summary>
public abstract class KazooAcls(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private Task<ScenarioResult> RunAsync(string scenario) =>
        KazooAsync("kazoo_acl.py", scenario, UniquePath.For("kazoo-acl-" + scenario));

    [Fact]
    public async Task New_nodes_are_open_to_world_and_setAcl_is_versioned()
    {
        var r = await RunAsync("default-and-set");
        Assert.Equal([(Perms.All, "world", "anyone")], r.Acls("default"));
        Assert.Equal(ErrorCode.BadVersion, r.Code("setWrongVersion"));
        Assert.Equal((1, 0), (r.Stat("set").Aversion, r.Stat("set").Version));
        Assert.Equal([(Perms.Read, "world", "anyone")], r.Acls("afterSet"));
    }

    [Fact]
    public async Task A_read_only_acl_refuses_writes_child_creation_and_acl_changes_with_NoAuth()
    {
        var r = await RunAsync("default-and-set");
        Assert.Equal(ErrorCode.Ok, r.Code("readReadOnly"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("writeReadOnly"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("createUnderReadOnly"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("setAclWithoutAdmin"));
    }

    [Fact]
    public async Task Malformed_or_unusable_acls_are_refused_with_InvalidACL()
    {
        var r = await RunAsync("default-and-set");
        Assert.Equal(ErrorCode.InvalidAcl, r.Code("unknownScheme"));
        Assert.Equal(ErrorCode.InvalidAcl, r.Code("badIp"));
        Assert.Equal(ErrorCode.InvalidAcl, r.Code("badDigest"));
        // "auth" with no authenticated identity on the session.
        Assert.Equal(ErrorCode.InvalidAcl, r.Code("authWithoutIdentity"));
    }

    [Fact]
    public async Task Digest_acl_admits_only_sessions_that_added_the_matching_credentials()
    {
        var r = await RunAsync("digest");
        // digest ids are user:base64(sha1("user:password")).
        var expected = "alice:" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("alice:secret")));
        Assert.Equal(expected, r.Text("expectedId"));
        Assert.Equal([(Perms.All, "digest", expected)], r.Acls("acl"));
        Assert.Equal(ErrorCode.Ok, r.Code("ownerRead"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerRead"));
        Assert.True(r.Bool("strangerExists"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerChildren"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerGetAcl"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerSet"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerCreateChild"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("strangerDeleteChild"));
        Assert.Equal(ErrorCode.Ok, r.Code("strangerReadOpenChild"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("wrongPasswordRead"));
        Assert.Equal(ErrorCode.Ok, r.Code("afterAuthRead"));
        // The "auth" scheme is stored as the creator's digest identity.
        Assert.Equal([(Perms.All, "digest", expected)], r.Acls("creatorAcl"));
    }

    [Fact]
    public async Task Ip_acl_matches_the_client_address_and_cidr_ranges()
    {
        var r = await RunAsync("ip");
        Assert.Equal(ErrorCode.Ok, r.Code("localRead"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("localWrite"));
        Assert.Equal(ErrorCode.Ok, r.Code("subnetRead"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("elsewhereRead"));
        Assert.Equal([(Perms.Read, "ip", "127.0.0.1")], r.Acls("localAcl"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("elsewhereGetAcl"));
    }

    [Fact]
    public async Task Deleting_a_child_needs_the_delete_permission_on_the_parent()
    {
        var r = await RunAsync("delete-permission");
        Assert.Equal(ErrorCode.NoAuth, r.Code("deleteChild"));
        Assert.Equal(ErrorCode.Ok, r.Code("deleteChildAfterGrant"));
    }
}
