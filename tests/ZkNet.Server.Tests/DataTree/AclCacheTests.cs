using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>ACL lists are interned with a reference count, as ZooKeeper's ReferenceCountedACLCache does.</summary>
public sealed class AclCacheTests
{
    private static readonly IReadOnlyList<Acl> IpAcl = [new(Perms.All, new Id("ip", "127.0.0.1"))];
    private static readonly IReadOnlyList<Acl> DigestAcl = [new(Perms.Read, new Id("digest", "u:hash"))];

    [Fact]
    public void Open_acl_has_the_fixed_reference_minus_one_and_is_never_stored()
    {
        var cache = new ReferenceCountedAclCache();

        Assert.Equal(-1, cache.AddUsage(Acl.OpenAclUnsafe));
        Assert.Equal(-1, cache.AddUsage([new Acl(Perms.All, new Id("world", "anyone"))]));
        Assert.Equal(0, cache.Count);
        Assert.Equal(Acl.OpenAclUnsafe, cache.Lookup(-1));
    }

    [Fact]
    public void Equal_lists_share_one_reference_and_different_lists_get_their_own()
    {
        var cache = new ReferenceCountedAclCache();

        var first = cache.AddUsage(IpAcl);
        var second = cache.AddUsage([new Acl(Perms.All, new Id("ip", "127.0.0.1"))]);
        var other = cache.AddUsage(DigestAcl);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void List_is_forgotten_when_its_last_user_goes()
    {
        var cache = new ReferenceCountedAclCache();
        var reference = cache.AddUsage(IpAcl);
        cache.AddUsage(IpAcl);

        cache.RemoveUsage(reference);
        Assert.Equal(IpAcl, cache.Lookup(reference));

        cache.RemoveUsage(reference);
        Assert.Equal(0, cache.Count);
        Assert.Throws<InvalidOperationException>(() => cache.Lookup(reference));
    }

    [Fact]
    public void Tree_releases_acls_of_deleted_nodes_and_replaced_acls()
    {
        var tree = new Tree();
        var baseline = tree.AclCache.Count;
        tree.Apply(1, Txns.Create("/a", acl: IpAcl));
        tree.Apply(2, Txns.Create("/b", acl: IpAcl));
        Assert.Equal(baseline + 1, tree.AclCache.Count);

        tree.Apply(3, new SetAclTxn("/a", DigestAcl, 1));
        Assert.Equal(baseline + 2, tree.AclCache.Count);

        tree.Apply(4, new DeleteTxn("/b"));
        Assert.Equal(baseline + 1, tree.AclCache.Count);

        tree.Apply(5, new DeleteTxn("/a"));
        Assert.Equal(baseline, tree.AclCache.Count);
    }

    [Fact]
    public void Restored_references_keep_their_numbers_and_new_ones_do_not_collide()
    {
        var cache = new ReferenceCountedAclCache();
        cache.Restore(7, IpAcl);
        cache.AddUsage(7);

        Assert.Equal(7, cache.AddUsage(IpAcl));
        Assert.Equal(8, cache.AddUsage(DigestAcl));
    }
}
