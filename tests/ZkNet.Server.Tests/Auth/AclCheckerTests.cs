using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;

namespace ZkNet.Server.Tests.Auth;

/// <summary>Permission checks and ZooKeeper's fixupACL rules.</summary>
public sealed class AclCheckerTests
{
    private static readonly Id Ip = new("ip", "127.0.0.1");
    private static readonly Id Alice = new("digest", "alice:uLxpHc/uhT86OXPoSjJTp1M8CJY=");
    private static readonly Id Bob = new("digest", "bob:8g3rg7/0/o2K98v4XeOcyPGTd58=");

    [Fact]
    public void World_anyone_grants_exactly_its_permissions()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read | Perms.Create, Id.AnyoneIdUnsafe)];

        Assert.True(AclChecker.Check(acl, Perms.Read, [Ip], skipAcl: false));
        Assert.True(AclChecker.Check(acl, Perms.Create, [], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Write, [Ip], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Delete, [Ip], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Admin, [Ip], skipAcl: false));
    }

    [Fact]
    public void Digest_entry_grants_only_the_identity_it_names()
    {
        IReadOnlyList<Acl> acl = [new(Perms.All, Alice)];

        Assert.True(AclChecker.Check(acl, Perms.Write, [Ip, Alice], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Write, [Ip, Bob], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Write, [Ip], skipAcl: false));
    }

    [Fact]
    public void Ip_entry_grants_clients_inside_its_block()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, new Id("ip", "127.0.0.0/8"))];

        Assert.True(AclChecker.Check(acl, Perms.Read, [new Id("ip", "127.1.2.3")], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Read, [new Id("ip", "10.0.0.1")], skipAcl: false));
        Assert.False(AclChecker.Check(acl, Perms.Read, [new Id("digest", "127.1.2.3")], skipAcl: false));
    }

    [Fact]
    public void Any_of_several_requested_permissions_is_enough()
    {
        // getACL asks for READ | ADMIN: either one grants it, as in ZooKeeper's checkACL.
        IReadOnlyList<Acl> acl = [new(Perms.Admin, Id.AnyoneIdUnsafe)];

        Assert.True(AclChecker.Check(acl, Perms.Read | Perms.Admin, [], skipAcl: false));
    }

    [Fact]
    public void Super_and_skipAcl_pass_every_check_and_an_empty_acl_denies_nothing()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, Alice)];

        Assert.True(AclChecker.Check(acl, Perms.Admin, [Ip, new Id("super", "")], skipAcl: false));
        Assert.True(AclChecker.Check(acl, Perms.Admin, [Ip], skipAcl: true));
        Assert.True(AclChecker.Check([], Perms.Admin, [Ip], skipAcl: false));
    }

    [Fact]
    public void Fixup_keeps_valid_entries_in_order()
    {
        IReadOnlyList<Acl> acl = [new(Perms.Read, Id.AnyoneIdUnsafe), new(Perms.All, Alice), new(Perms.Write, new Id("ip", "10.0.0.0/8"))];

        Assert.Equal(acl, AclChecker.Fixup(acl, [Ip]));
    }

    [Fact]
    public void Fixup_drops_repeated_entries_but_keeps_same_id_with_other_perms()
    {
        var fixedUp = AclChecker.Fixup(
            [new(Perms.All, new Id("ip", "10.0.0.0/8")), new(Perms.All, new Id("ip", "10.0.0.0/8")), new(Perms.Read, new Id("ip", "10.0.0.0/8"))],
            [Ip]);

        Assert.Equal([new Acl(Perms.All, new Id("ip", "10.0.0.0/8")), new Acl(Perms.Read, new Id("ip", "10.0.0.0/8"))], fixedUp);
    }

    [Fact]
    public void Auth_expands_to_every_authenticated_identity_but_not_the_ip_one()
    {
        var fixedUp = AclChecker.Fixup([new Acl(Perms.All, Id.AuthIds)], [Ip, Alice, Bob]);

        Assert.NotNull(fixedUp);
        Assert.Equal(new HashSet<Acl> { new(Perms.All, Alice), new(Perms.All, Bob) }, fixedUp.ToHashSet());
        Assert.Equal(2, fixedUp.Count);
    }

    [Fact]
    public void Auth_with_different_permissions_expands_once_per_entry()
    {
        var fixedUp = AclChecker.Fixup([new Acl(Perms.All, Id.AuthIds), new Acl(Perms.Read, Id.AuthIds)], [Ip, Alice]);

        Assert.Equal([new Acl(Perms.All, Alice), new Acl(Perms.Read, Alice)], fixedUp);
    }

    [Theory]
    [MemberData(nameof(InvalidAcls))]
    public void Fixup_refuses_what_zookeeper_answers_InvalidACL_for(Acl[] acl) =>
        Assert.Null(AclChecker.Fixup(acl, [Ip]));

    public static TheoryData<Acl[]> InvalidAcls() => new()
    {
        Array.Empty<Acl>(),
        new[] { new Acl(Perms.All, Id.AuthIds) },
        new[] { new Acl(Perms.All, new Id("world", "someone")) },
        new[] { new Acl(Perms.All, new Id("foo", "bar")) },
        new[] { new Acl(Perms.All, new Id("super", "x")) },
        new[] { new Acl(Perms.All, new Id("digest", "nocolon")) },
        new[] { new Acl(Perms.All, new Id("digest", "a:b:c")) },
        new[] { new Acl(Perms.All, new Id("ip", "10.0.0/8")) },
        new[] { new Acl(Perms.All, new Id("ip", "10.0.0.0/33")) },
        new[] { new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.All, new Id("ip", "bad")) },
    };

    [Fact]
    public void Fixup_of_null_is_invalid() => Assert.Null(AclChecker.Fixup(null, [Ip]));
}
