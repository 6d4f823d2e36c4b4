using ZkNet.Persistence;
using ZkNet.Persistence.Snapshots;

namespace ZkNet.Cli.Tests.Support;

/// <summary>Copies a snapshot node by node into another compression or with one node's data changed, seals kept valid.</summary>
public static class SnapshotRewriter
{
    /// <summary>Writes snapshot.&lt;zxid&gt; (with the compression's extension) into <paramref name="snapDir"/>; returns its path.</summary>
    public static string Rewrite(string source, string snapDir, SnapshotCompression compression,
        Func<string, byte[]?, byte[]?>? changeData = null)
    {
        Assert.True(SnapshotFileName.TryParse(Path.GetFileName(source), out var zxid, out _), source);
        using var reader = SnapshotReader.Open(source);
        using var writer = SnapshotWriter.Create(snapDir, zxid, compression, fsync: false);
        writer.WriteSessions(reader.ReadSessions().ToList());
        writer.WriteAclCache(reader.ReadAclCache().ToList());
        while (reader.TryReadNode(out var node))
        {
            writer.WriteNode(node.Path, changeData is null ? node.Data : changeData(node.Path, node.Data), node.AclRef, node.Stat);
        }
        return writer.Complete(reader.ReadTrailer())!;
    }
}
