using ZkNet.Cli.Output;
using ZkNet.Persistence.Snapshots;
using ZkNet.Server.DataTree;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet snapshot dump FILE</c>, ZooKeeper's SnapshotFormatter for our files and theirs: every znode's stat in file
/// order (parents before children), its ACL, its data length (or data with --data), then the sessions with their
/// ephemeral counts, the digest trailer and the last zxid. Streams, so a snapshot of millions of nodes needs no
/// more memory than one node.
/// </summary>
internal static class SnapshotDumpCommand
{
    public static int Run(string file, bool json, bool withData, ToolConsole console)
    {
        if (!SnapshotSource.TryOpen(file, console, "snapshot dump", out var source, out var exitCode))
        {
            return exitCode;
        }
        using (source)
        {
            using ISnapshotDumpWriter writer = json ? new SnapshotDumpJson(console, withData) : new SnapshotDumpText(console, withData);
            var nameZxid = SnapshotFileName.TryParse(Path.GetFileName(file), out var zxid, out _) ? zxid : -1;
            writer.Begin(file, source.Compression, source.FileLength, source.Reader.Header, nameZxid);
            try
            {
                var reader = source.Reader;
                var sessions = reader.ReadSessions();
                var acls = reader.ReadAclCache();
                var ephemerals = new Dictionary<long, int>();
                long count = 0;
                var lastZxid = nameZxid;
                while (reader.TryReadNode(out var node))
                {
                    writer.Node(node, acls.TryGetValue(node.AclRef, out var acl) ? acl : node.AclRef == -1 ? ZkNet.Protocol.Records.Acl.OpenAclUnsafe : null);
                    count++;
                    lastZxid = Math.Max(lastZxid, Math.Max(node.Stat.Mzxid, node.Stat.Pzxid));
                    var owner = node.Stat.EphemeralOwner;
                    if (EphemeralOwnerCodec.TypeOf(owner, extendedTypesEnabled: true) == EphemeralType.Normal)
                    {
                        ephemerals[owner] = ephemerals.GetValueOrDefault(owner) + 1;
                    }
                    source.Progress();
                }
                var digest = reader.ReadTrailer();
                var sessionRows = sessions.Select(s => (s.Key, s.Value, ephemerals.GetValueOrDefault(s.Key))).ToList();
                writer.End(new SnapshotDumpTotals(count, sessionRows, acls.Count, digest, lastZxid));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (ToolErrors.IsFileProblem(e))
            {
                writer.Fail(e.Message);
                source.StopProgress();
                return ToolErrors.Report(console, "snapshot dump", file, e);
            }
        }
    }
}
