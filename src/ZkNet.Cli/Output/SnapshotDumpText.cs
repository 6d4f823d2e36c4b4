using System.Globalization;
using ZkNet.Persistence;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Output;

/// <summary>
/// Readable <c>zknet snapshot dump</c>, in the shape of ZooKeeper's SnapshotFormatter: a "----" separated block per
/// znode with its stat, then "Session Details (sid, timeout, ephemeralCount)" and "Last zxid". Zxids print without
/// padding, times as UTC with milliseconds, and each node also shows its ACL.
/// </summary>
internal sealed class SnapshotDumpText(ToolConsole console, bool withData) : ISnapshotDumpWriter
{
    private readonly StreamWriter _out = console.CreateTextWriter();

    public void Begin(string file, SnapshotCompression compression, long fileSize, FileHeader header, long nameZxid)
    {
        _out.WriteLine($"Snapshot {file} ({Compression(compression)}, {fileSize} bytes): magic {JsonFields.Magic(header.Magic)}, format version {header.Version}, dbid {header.DbId}");
        _out.WriteLine("ZNode Details:");
    }

    public void Node(in SnapshotNode node, IReadOnlyList<Acl>? acl)
    {
        var s = node.Stat;
        _out.WriteLine("----");
        _out.WriteLine(node.Path);
        _out.Write("  cZxid = "); _out.WriteLine(ZnodeText.Hex(s.Czxid));
        _out.Write("  ctime = "); _out.WriteLine(ZnodeText.Time(s.Ctime));
        _out.Write("  mZxid = "); _out.WriteLine(ZnodeText.Hex(s.Mzxid));
        _out.Write("  mtime = "); _out.WriteLine(ZnodeText.Time(s.Mtime));
        _out.Write("  pZxid = "); _out.WriteLine(ZnodeText.Hex(s.Pzxid));
        _out.Write("  cversion = "); _out.WriteLine(s.Cversion.ToString(CultureInfo.InvariantCulture));
        _out.Write("  dataVersion = "); _out.WriteLine(s.Version.ToString(CultureInfo.InvariantCulture));
        _out.Write("  aclVersion = "); _out.WriteLine(s.Aversion.ToString(CultureInfo.InvariantCulture));
        _out.Write("  ephemeralOwner = "); _out.WriteLine(ZnodeText.Owner(s.EphemeralOwner));
        _out.Write("  acl = "); _out.WriteLine(acl is null ? $"unknown reference {node.AclRef}" : ZnodeText.Acl(acl));
        _out.Write("  dataLength = "); _out.WriteLine((node.Data?.Length ?? 0).ToString(CultureInfo.InvariantCulture));
        if (withData)
        {
            _out.Write("  data = "); _out.WriteLine(ZnodeText.Data(node.Data));
        }
    }

    public void End(SnapshotDumpTotals totals)
    {
        _out.WriteLine("----");
        _out.WriteLine($"ZNode count: {totals.NodeCount}");
        _out.WriteLine("Session Details (sid, timeout, ephemeralCount):");
        foreach (var (id, timeout, ephemerals) in totals.Sessions)
        {
            _out.WriteLine($"{ZnodeText.Hex(id)}, {timeout}, {ephemerals}");
        }
        _out.WriteLine("----");
        _out.WriteLine($"ACL cache entries: {totals.AclCacheSize}");
        _out.WriteLine(totals.Digest switch
        {
            null => "Digest: none (no digest trailer)",
            { Zxid: 0 } => "Digest: none recorded (trailer with zxid 0)",
            { } d => $"Digest: {ZnodeText.Hex(d.Digest)} (version {d.Version}) at zxid {ZnodeText.Hex(d.Zxid)}",
        });
        _out.WriteLine($"Last zxid: {ZnodeText.Hex(totals.LastZxid)}");
    }

    public void Fail(string message)
    {
        _out.WriteLine("----");
        _out.WriteLine("Incomplete: " + message);
        _out.Flush();
    }

    public void Dispose() => _out.Dispose();

    public static string Compression(SnapshotCompression compression) => compression switch
    {
        SnapshotCompression.Gzip => "gz",
        SnapshotCompression.Snappy => "snappy",
        _ => "plain",
    };
}
