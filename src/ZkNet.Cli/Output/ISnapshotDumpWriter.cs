using ZkNet.Persistence;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Output;

/// <summary>The two spellings of <c>zknet snapshot dump</c>: readable text and JSON, fed as the file is read.</summary>
internal interface ISnapshotDumpWriter : IDisposable
{
    /// <summary>The file opened and its header read.</summary>
    void Begin(string file, SnapshotCompression compression, long fileSize, FileHeader header, long nameZxid);

    /// <summary>One znode, with its ACL resolved from the cache (null when the reference is unknown).</summary>
    void Node(in SnapshotNode node, IReadOnlyList<Acl>? acl);

    /// <summary>The whole file was read and its seals matched.</summary>
    void End(SnapshotDumpTotals totals);

    /// <summary>Reading stopped at damage; what was read so far has been written.</summary>
    void Fail(string message);
}
