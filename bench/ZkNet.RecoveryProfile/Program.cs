using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.RecoveryProfile;

// ZkNet.RecoveryProfile DATADIR: the phases of a restart on a copy of a data directory, each with its time, GC pauses,
// bytes allocated and collections: (1) reading the newest snapshot with the nodes thrown away, (2) the whole recovery
// (snapshot into a DataTree, then the log replayed), (3) reading and rewriting the snapshot (a startup snapshot's
// writing cost). Recovery may cut a torn log tail: run it on a copy.
if (args.Length != 1 || !Directory.Exists(Path.Combine(args[0], FileTxnSnapLog.VersionDirectory)))
{
    Console.Error.WriteLine("usage: ZkNet.RecoveryProfile DATADIR   (a copy: recovery may cut a torn log tail)");
    return 2;
}
var snapLog = new FileTxnSnapLog(args[0]);
var newest = snapLog.ListSnapshots()[0];

using (var phase = new Phase("read the snapshot, nodes discarded"))
{
    using var reader = SnapshotReader.Open(newest.Path);
    reader.ReadSessions();
    reader.ReadAclCache();
    while (reader.TryReadNode(out _))
    {
        phase.Count++;
    }
    reader.ReadTrailer();
}
using (var phase = new Phase("ZkDatabase.Load (snapshot into a DataTree + log replay)"))
{
    var db = ZkDatabase.Load(snapLog, extendedTypesEnabled: true, trustEmptySnapshot: false, NullLogger.Instance);
    phase.Count = db.Tree.NodeCount;
    phase.Note = $"{db.TxnsReplayed} txns replayed";
    GC.KeepAlive(db);
}
var copyDir = Path.Combine(Path.GetTempPath(), "zknet-recovery-profile-" + Environment.ProcessId);
Directory.CreateDirectory(copyDir);
try
{
    using var phase = new Phase("read + rewrite the snapshot (fsync on)");
    using var reader = SnapshotReader.Open(newest.Path);
    using var writer = SnapshotWriter.Create(copyDir, newest.Zxid, SnapshotCompression.None, fsync: true);
    writer.WriteSessions(reader.ReadSessions().ToList());
    writer.WriteAclCache(reader.ReadAclCache().ToList());
    while (reader.TryReadNode(out var node))
    {
        writer.WriteNode(node.Path, node.Data, node.AclRef, node.Stat);
        phase.Count++;
    }
    writer.Complete(reader.ReadTrailer());
}
finally
{
    Directory.Delete(copyDir, recursive: true);
}
return 0;
