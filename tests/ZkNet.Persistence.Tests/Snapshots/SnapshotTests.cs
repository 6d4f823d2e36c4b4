using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Golden;
using ZkNet.Persistence.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Snapshots;

public sealed class SnapshotTests
{
    /// <summary>snapshot.0 as Apache ZooKeeper 3.8 wrote it on first start: the empty tree, no sessions, digest zxid 0.</summary>
    private static readonly byte[] ZooKeeperEmptySnapshot = Convert.FromBase64String(
        "WktTTgAAAAL//////////wAAAAAAAAABAAAAAAAAAAEAAAABAAAAAQAAAAV3b3JsZAAAAAZhbnlvbmUAAAAAAAAAAP//////////AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACi96b29rZWVwZXIAAAAA//////////8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAARL3pvb2tlZXBlci9jb25maWcAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/////wAAAAAAAAAAAAAAAAAAAAAAAAAQL3pvb2tlZXBlci9xdW90YQAAAAD//////////wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEvAAAAALiiO0kAAAABLwAAAAAAAAAAAAAAAgAAAAAAAAAAAAAAAJW5PVkAAAABLw==");

    [Fact]
    public void The_empty_snapshot_Apache_ZooKeeper_writes_reads_back_and_our_writer_reproduces_it_byte_for_byte()
    {
        var model = SnapshotModel.Read(new SnapshotReader(new MemoryStream(ZooKeeperEmptySnapshot), SnapshotCompression.None));
        Assert.Empty(model.Sessions);
        Assert.Equal(Acl.ReadAclUnsafe, Assert.Single(model.Acls).Value);
        Assert.Equal(["/", "/zookeeper", "/zookeeper/config", "/zookeeper/quota"], model.Nodes.Select(n => n.Path));
        Assert.Equal(new SnapshotDigest(0, 2, 0), model.Digest);
        Assert.Equal(-1, model.Nodes.Single(n => n.Path == "/zookeeper/config").Stat.Aversion);

        var output = new MemoryStream();
        using (var writer = new SnapshotWriter(output, SnapshotCompression.None, leaveOpen: true))
        {
            writer.WriteSessions(model.Sessions);
            writer.WriteAclCache(model.Acls.ToList());
            foreach (var node in model.Nodes)
            {
                writer.WriteNode(node.Path, node.Data, node.AclRef, node.Stat);
            }
            writer.Complete(model.Digest);
        }
        Assert.Equal(ZooKeeperEmptySnapshot, output.ToArray());
    }

    [Theory]
    [InlineData(SnapshotCompression.None)]
    [InlineData(SnapshotCompression.Gzip)]
    [InlineData(SnapshotCompression.Snappy)]
    public void A_snapshot_streams_back_exactly_as_written(SnapshotCompression compression)
    {
        using var dir = new TempDir();
        var big = new byte[300_000];
        new Random(5).NextBytes(big);
        var acls = new Dictionary<long, IReadOnlyList<Acl>>
        {
            [1] = Acl.OpenAclUnsafe,
            [2] = [new Acl(Perms.Read | Perms.Write, new Id("digest", "u:hash")), new Acl(Perms.Admin, new Id("ip", "10.0.0.0/8"))],
        };
        var nodes = new List<SnapshotNode> { new("/", [], -1, default) };
        for (var i = 0; i < 2000; i++)
        {
            nodes.Add(new SnapshotNode($"/n{i}", i % 7 == 0 ? null : BitConverter.GetBytes(i), 1 + (i % 2),
                new StatPersisted(i, i + 1, 1000 + i, 2000 + i, i % 5, i % 3, i % 2, i % 11 == 0 ? long.MinValue : 0, i + 2)));
        }
        nodes.Add(new SnapshotNode("/n1/big", big, 1, default));
        var digest = new SnapshotDigest(0x1_0000_0005, 2, -42);
        string path;
        using (var writer = SnapshotWriter.Create(dir.Path, 0x1_0000_0005, compression))
        {
            writer.WriteSessions([new(0x100, 30000), new(0x200, 4000)]);
            writer.WriteAclCache(acls.ToList());
            foreach (var node in nodes)
            {
                writer.WriteNode(node.Path, node.Data, node.AclRef, node.Stat);
            }
            path = writer.Complete(digest)!;
        }
        Assert.Equal(SnapshotFileName.Make(0x1_0000_0005, compression), Path.GetFileName(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        var back = SnapshotModel.Read(path);
        Assert.Equal([new(0x100, 30000), new(0x200, 4000)], back.Sessions);
        Assert.Equal(acls.Keys, back.Acls.Keys);
        Assert.Equal(acls[2], back.Acls[2]);
        Assert.Equal(nodes.Count, back.Nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            Assert.Equal((nodes[i].Path, nodes[i].AclRef, nodes[i].Stat), (back.Nodes[i].Path, back.Nodes[i].AclRef, back.Nodes[i].Stat));
            Assert.Equal(nodes[i].Data, back.Nodes[i].Data);
        }
        Assert.Equal(digest, back.Digest);
    }

    [Fact]
    public void A_snapshot_written_without_a_digest_has_no_digest_trailer()
    {
        var output = new MemoryStream();
        using (var writer = new SnapshotWriter(output, leaveOpen: true))
        {
            writer.WriteSessions([]);
            writer.WriteAclCache([]);
            writer.WriteNode("/", null, -1, default);
            writer.Complete(null);
        }
        Assert.Null(SnapshotModel.Read(new SnapshotReader(new MemoryStream(output.ToArray()), SnapshotCompression.None)).Digest);
    }

    [Fact]
    public void A_changed_byte_fails_the_checksum_seal()
    {
        var bytes = (byte[])ZooKeeperEmptySnapshot.Clone();
        bytes[0x8e] ^= 1; // inside "/zookeeper"
        var error = Assert.Throws<SnapshotCorruptException>(() =>
            SnapshotModel.Read(new SnapshotReader(new MemoryStream(bytes), SnapshotCompression.None, "snapshot.0")));
        Assert.Contains("seal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_digest_trailer_fails_its_own_seal()
    {
        var bytes = (byte[])ZooKeeperEmptySnapshot.Clone();
        bytes[^16] ^= 1; // the digest value, covered by the second seal only
        Assert.Throws<SnapshotCorruptException>(() =>
            SnapshotModel.Read(new SnapshotReader(new MemoryStream(bytes), SnapshotCompression.None)));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(200)]
    [InlineData(455)]
    public void A_truncated_snapshot_is_reported_as_corrupt(int length)
    {
        var bytes = ZooKeeperEmptySnapshot[..length];
        Assert.Throws<SnapshotCorruptException>(() =>
            SnapshotModel.Read(new SnapshotReader(new MemoryStream(bytes), SnapshotCompression.None)));
    }

    [Fact]
    public void A_damaged_gzip_snapshot_is_reported_as_corrupt()
    {
        var output = new MemoryStream();
        using (var writer = new SnapshotWriter(output, SnapshotCompression.Gzip, leaveOpen: true))
        {
            writer.WriteSessions([]);
            writer.WriteAclCache([]);
            writer.WriteNode("/", new byte[5000], -1, default);
            writer.Complete(null);
        }
        var bytes = output.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        Assert.Throws<SnapshotCorruptException>(() =>
            SnapshotModel.Read(new SnapshotReader(new MemoryStream(bytes), SnapshotCompression.Gzip)));
    }

    [Fact]
    public void An_abandoned_snapshot_leaves_no_file_behind()
    {
        using var dir = new TempDir();
        using (var writer = SnapshotWriter.Create(dir.Path, 9))
        {
            writer.WriteSessions([]);
            writer.WriteAclCache([]);
            writer.WriteNode("/", [], -1, default);
        }
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_root_must_come_first_and_sections_in_order()
    {
        using var writer = new SnapshotWriter(new MemoryStream());
        Assert.Throws<InvalidOperationException>(() => writer.WriteAclCache([]));
        writer.WriteSessions([]);
        writer.WriteAclCache([]);
        Assert.Throws<ArgumentException>(() => writer.WriteNode("/a", [], -1, default));
    }
}
