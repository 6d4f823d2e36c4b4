using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>The Stat fields each txn sets, as Apache ZooKeeper 3.8 reports them (checked against the real server).</summary>
public sealed class StatTests
{
    private readonly Tree _tree = new(extendedTypesEnabled: true);

    [Fact]
    public void Create_sets_every_zxid_and_time_from_its_txn()
    {
        var result = _tree.Apply(7, Txns.Create("/a", "abc"), time: 1234);

        Assert.Equal(0, result.Err);
        Assert.Equal("/a", result.Path);
        var expected = new Stat(Czxid: 7, Mzxid: 7, Ctime: 1234, Mtime: 1234, Version: 0, Cversion: 0, Aversion: 0,
            EphemeralOwner: 0, DataLength: 3, NumChildren: 0, Pzxid: 7);
        Assert.Equal(expected, _tree.StatAt("/a"));
        Assert.Equal(expected, result.Stat);
        Assert.Equal(7, _tree.LastProcessedZxid);
    }

    [Fact]
    public void Child_create_moves_parent_cversion_and_pzxid_but_not_its_mzxid()
    {
        _tree.Apply(2, Txns.Create("/p", "abc"));
        _tree.Apply(3, Txns.Create("/p/c1"));

        var parent = _tree.StatAt("/p");
        Assert.Equal(2, parent.Mzxid);
        Assert.Equal(3, parent.Pzxid);
        Assert.Equal(1, parent.Cversion);
        Assert.Equal(1, parent.NumChildren);
        Assert.Equal(0, parent.Version);
    }

    [Fact]
    public void Reported_cversion_counts_deletions_as_twice_stored_minus_children()
    {
        // The real server reports cversion 3 after: create c1, create c2, delete c1 (stored count 2, one child left).
        _tree.Apply(2, Txns.Create("/p"));
        _tree.Apply(3, Txns.Create("/p/c1"));
        _tree.Apply(4, Txns.Create("/p/c2"));
        _tree.Apply(5, new DeleteTxn("/p/c1"));

        var parent = _tree.StatAt("/p");
        Assert.Equal(3, parent.Cversion);
        Assert.Equal(1, parent.NumChildren);
        Assert.Equal(5, parent.Pzxid);
        Assert.Equal(2, _tree.GetNode("/p")!.Cversion);
    }

    [Fact]
    public void SetData_changes_version_mzxid_mtime_and_length_only()
    {
        _tree.Apply(2, Txns.Create("/a", "abc"), time: 100);
        _tree.Apply(3, Txns.Create("/a/child"));

        var result = _tree.Apply(9, new SetDataTxn("/a", [1, 2, 3, 4, 5], 1), time: 500);

        var stat = _tree.StatAt("/a");
        Assert.Equal(new Stat(Czxid: 2, Mzxid: 9, Ctime: 100, Mtime: 500, Version: 1, Cversion: 1, Aversion: 0,
            EphemeralOwner: 0, DataLength: 5, NumChildren: 1, Pzxid: 3), stat);
        Assert.Equal(stat, result.Stat);
        Assert.Equal([1, 2, 3, 4, 5], _tree.GetNode("/a")!.Data);
    }

    [Fact]
    public void SetData_of_null_reports_length_zero()
    {
        _tree.Apply(2, Txns.Create("/a", "abc"));
        _tree.Apply(3, new SetDataTxn("/a", null, 1));

        Assert.Equal(0, _tree.StatAt("/a").DataLength);
    }

    [Fact]
    public void SetAcl_changes_aversion_and_acl_but_no_zxid()
    {
        _tree.Apply(2, Txns.Create("/a"));
        var acl = new List<Acl> { new(Perms.Read, new Id("ip", "10.0.0.0/8")) };

        var result = _tree.Apply(3, new SetAclTxn("/a", acl, 1));

        var stat = _tree.StatAt("/a");
        Assert.Equal(1, stat.Aversion);
        Assert.Equal(2, stat.Mzxid);
        Assert.Equal(2, stat.Pzxid);
        Assert.Equal(0, stat.Version);
        Assert.Equal(stat, result.Stat);
        Assert.Equal(acl, _tree.GetAcl(_tree.GetNode("/a")!));
    }

    [Fact]
    public void Delete_removes_the_node_and_moves_the_parent_pzxid_only()
    {
        _tree.Apply(2, Txns.Create("/p"));
        _tree.Apply(3, Txns.Create("/p/c"));

        var result = _tree.Apply(4, new DeleteTxn("/p/c"));

        Assert.Equal(0, result.Err);
        Assert.Null(_tree.GetNode("/p/c"));
        var parent = _tree.StatAt("/p");
        Assert.Equal(4, parent.Pzxid);
        Assert.Equal(2, parent.Mzxid);
        Assert.Equal(0, parent.NumChildren);
        Assert.Equal(2, parent.Cversion);
        Assert.DoesNotContain("c", _tree.GetNode("/p")!.Children);
    }

    [Fact]
    public void Ephemeral_reports_its_owner_session()
    {
        _tree.Apply(2, Txns.Create("/e", ephemeral: true), session: 0x1234);

        Assert.Equal(0x1234, _tree.StatAt("/e").EphemeralOwner);
    }

    [Fact]
    public void Container_and_ttl_markers_are_hidden_from_clients()
    {
        _tree.Apply(2, new CreateContainerTxn("/c", [], Acl.OpenAclUnsafe, -1));
        _tree.Apply(3, new CreateTtlTxn("/t", [], Acl.OpenAclUnsafe, -1, 5000));

        Assert.Equal(0, _tree.StatAt("/c").EphemeralOwner);
        Assert.Equal(0, _tree.StatAt("/t").EphemeralOwner);
        Assert.Equal(EphemeralOwnerCodec.ContainerOwner, _tree.GetNode("/c")!.EphemeralOwner);
        Assert.Equal(EphemeralType.Container, _tree.TypeOf(_tree.GetNode("/c")!));
        Assert.Equal(EphemeralType.Ttl, _tree.TypeOf(_tree.GetNode("/t")!));
        Assert.Equal(5000, EphemeralOwnerCodec.TtlOf(_tree.GetNode("/t")!.EphemeralOwner));
        Assert.Equal(["/c"], _tree.Containers);
        Assert.Equal(["/t"], _tree.Ttls);
        Assert.Empty(_tree.EphemeralOwners);
    }

    [Fact]
    public void Ttl_owner_is_an_ordinary_session_id_when_extended_types_are_off()
    {
        // ZooKeeper only decodes the TTL marker with zookeeper.extendedTypesEnabled; otherwise it is just a number.
        var plain = new Tree(extendedTypesEnabled: false);
        var owner = EphemeralOwnerCodec.ForTtl(5000);

        Assert.Equal(EphemeralType.Normal, EphemeralOwnerCodec.TypeOf(owner, extendedTypesEnabled: false));
        Assert.Equal(EphemeralType.Ttl, EphemeralOwnerCodec.TypeOf(owner, extendedTypesEnabled: true));
        Assert.Equal(EphemeralType.Container, EphemeralOwnerCodec.TypeOf(long.MinValue, extendedTypesEnabled: false));
        Assert.Equal(EphemeralType.Void, EphemeralOwnerCodec.TypeOf(0, extendedTypesEnabled: true));
        Assert.Empty(plain.Ttls);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(0xFF_FFFF_FFFF, true)]
    [InlineData(0x100_0000_0000, false)]
    public void Ttl_must_be_positive_and_fit_in_forty_bits(long ttl, bool valid) =>
        Assert.Equal(valid, EphemeralOwnerCodec.IsValidTtl(ttl));

    [Fact]
    public void Operations_on_a_missing_node_report_NoNode_and_change_nothing()
    {
        Assert.Equal((int)ErrorCode.NoNode, _tree.Apply(2, new SetDataTxn("/x", [1], 1)).Err);
        Assert.Equal((int)ErrorCode.NoNode, _tree.Apply(3, new SetAclTxn("/x", Acl.OpenAclUnsafe, 1)).Err);
        Assert.Equal((int)ErrorCode.NoNode, _tree.Apply(4, Txns.Create("/x/y")).Err);
        Assert.Equal(4, _tree.NodeCount);
    }

    [Fact]
    public void Approximate_data_size_counts_path_and_data_lengths()
    {
        var before = _tree.ApproximateDataSize;
        _tree.Apply(2, Txns.Create("/abc", "12345"));
        Assert.Equal(before + 4 + 5, _tree.ApproximateDataSize);

        _tree.Apply(3, new SetDataTxn("/abc", [1], 1));
        Assert.Equal(before + 4 + 1, _tree.ApproximateDataSize);

        _tree.Apply(4, new DeleteTxn("/abc"));
        Assert.Equal(before, _tree.ApproximateDataSize);
    }

    [Fact]
    public void Approximate_data_size_counts_the_root_under_both_of_ZooKeepers_keys()
    {
        // Apache ZooKeeper 3.8's mntr on a fresh server: "" + "/" + "/zookeeper" + "/zookeeper/quota" + "/zookeeper/config".
        Assert.Equal(0 + 1 + 10 + 16 + 17, _tree.ApproximateDataSize);

        // A live setData on the root counts the change once...
        _tree.Apply(2, new SetDataTxn("/", "xyz"u8.ToArray(), 1));
        Assert.Equal(44 + 3, _tree.ApproximateDataSize);

        // ...but a root loaded from a snapshot counts its data under both keys (measured: 58 before a restart from a
        // snapshot, 61 after, with a 3-byte root), and a system node's snapshot data is counted too.
        var loaded = new Tree();
        loaded.RestoreNode("", new DataNode("xyz"u8.ToArray(), -1, 0, 0, 0));
        loaded.RestoreNode("/zookeeper/config", new DataNode("ab"u8.ToArray(), -1, 0, 0, 0));
        Assert.Equal(44 + (2 * 3) + 2, loaded.ApproximateDataSize);
    }
}
