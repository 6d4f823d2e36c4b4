using System.Security.Cryptography;
using System.Text;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>ACLs, digest authentication, whoAmI, and a refused authentication.</summary>
public abstract class AclTests(ServerFixture server) : ClientTestBase(server)
{
    /// <summary>The digest scheme's identity for user:password: user:base64(sha1("user:password")).</summary>
    private static string DigestId(string user, string password) =>
        user + ":" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(user + ":" + password)));

    [Fact]
    public async Task Creator_acl_lets_only_the_authenticated_user_in()
    {
        await Client.AddAuthAsync("digest", B("alice:secret")).Bounded();
        await Client.CreateAsync(P("private"), B("x"), Acl.CreatorAllAcl).Bounded();
        var (acl, _) = await Client.GetAclAsync(P("private")).Bounded();
        Assert.Equal([new Acl(Perms.All, new Id("digest", DigestId("alice", "secret")))], acl);

        var stranger = await ConnectAsync();
        await Assert.ThrowsAsync<NoAuthException>(() => stranger.GetDataAsync(P("private")).Bounded());
        await Assert.ThrowsAsync<NoAuthException>(() => stranger.SetDataAsync(P("private"), B("y")).Bounded());

        var alice = await ConnectAsync(auth: [new AuthCredential("digest", B("alice:secret"))]);
        Assert.Equal("x", Encoding.UTF8.GetString((await alice.GetDataAsync(P("private")).Bounded()).Data));
    }

    [Fact]
    public async Task Creator_acl_without_authentication_is_invalid()
    {
        var anonymous = await ConnectAsync();
        await Assert.ThrowsAsync<InvalidAclException>(() => anonymous.CreateAsync(P("c"), null, Acl.CreatorAllAcl).Bounded());
    }

    [Fact]
    public async Task Read_only_acl_refuses_writes()
    {
        await Client.CreateAsync(P("ro"), null, Acl.ReadAclUnsafe).Bounded();
        Assert.NotNull(await Client.GetDataAsync(P("ro")).Bounded());
        await Assert.ThrowsAsync<NoAuthException>(() => Client.SetDataAsync(P("ro"), B("x")).Bounded());
        await Assert.ThrowsAsync<NoAuthException>(() => Client.CreateAsync(P("ro/c"), null, Acl.OpenAclUnsafe).Bounded());
    }

    [Fact]
    public async Task SetAcl_checks_the_acl_version_and_bumps_it()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        await Assert.ThrowsAsync<BadVersionException>(() => Client.SetAclAsync(P("n"), Acl.OpenAclUnsafe, 1).Bounded());
        var digest = new Acl(Perms.Read | Perms.Admin, new Id("digest", DigestId("bob", "pw")));
        var stat = await Client.SetAclAsync(P("n"), [digest, new Acl(Perms.Read, Id.AnyoneIdUnsafe)], 0).Bounded();
        Assert.Equal(1, stat.Aversion);
        var (acl, after) = await Client.GetAclAsync(P("n")).Bounded();
        // Without ADMIN on the node, ZooKeeper masks digest hashes in getACL replies (ZOOKEEPER-1392).
        Assert.Equal([new Acl(Perms.Read | Perms.Admin, new Id("digest", "bob:x")), new Acl(Perms.Read, Id.AnyoneIdUnsafe)], acl);
        Assert.Equal(1, after.Aversion);
        // Admin is now bob's only: an anonymous setACL is refused.
        await Assert.ThrowsAsync<NoAuthException>(() => Client.SetAclAsync(P("n"), Acl.OpenAclUnsafe).Bounded());
        await Assert.ThrowsAsync<NoNodeException>(() => Client.GetAclAsync(P("none")).Bounded());
    }

    [Fact]
    public async Task WhoAmI_lists_the_connection_identities()
    {
        var client = await ConnectAsync(auth: [new AuthCredential("digest", B("carol:pw"))]);
        var ids = await client.WhoAmIAsync().Bounded();
        Assert.Contains(ids, i => i.AuthScheme == "ip" && i.User == "127.0.0.1");
        Assert.Contains(ids, i => i.AuthScheme == "digest" && i.User == "carol");
    }

    [Fact]
    public async Task Refused_credentials_finish_the_client_with_AuthFailed()
    {
        var watcher = new EventRecorder();
        var client = await ConnectAsync(defaultWatcher: watcher);
        await Assert.ThrowsAsync<AuthFailedException>(() => client.AddAuthAsync("no-such-scheme", B("x")).Bounded());
        await watcher.StateAsync(KeeperState.AuthFailed);
        Assert.Equal(ClientState.AuthFailed, client.State);
        await Assert.ThrowsAsync<AuthFailedException>(() => client.ExistsAsync("/").Bounded());
    }
}
