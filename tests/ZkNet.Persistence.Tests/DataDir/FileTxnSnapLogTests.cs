using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Golden;
using ZkNet.Persistence.Tests.Support;

namespace ZkNet.Persistence.Tests.DataDir;

public sealed class FileTxnSnapLogTests
{
    private static string WriteSnapshot(FileTxnSnapLog snapLog, long zxid, SnapshotCompression compression = SnapshotCompression.None)
    {
        using var writer = snapLog.CreateSnapshot(zxid, compression);
        writer.WriteSessions([new(zxid, 1000)]);
        writer.WriteAclCache([]);
        writer.WriteNode("/", BitConverter.GetBytes(zxid), -1, default);
        writer.WriteNode("/a", new byte[1000], -1, default);
        return writer.Complete(new SnapshotDigest(zxid, 2, 0))!;
    }

    [Fact]
    public void Snapshots_are_listed_newest_first_and_unfinished_or_foreign_files_are_ignored()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteSnapshot(snapLog, 0x10);
        WriteSnapshot(snapLog, 0x2, SnapshotCompression.Gzip);
        WriteSnapshot(snapLog, 0x1f, SnapshotCompression.Snappy);
        File.WriteAllText(Path.Combine(snapLog.SnapDir, "snapshot.30.tmp"), "half");
        File.WriteAllText(Path.Combine(snapLog.SnapDir, "snapshot.zz"), "?");
        Assert.Equal(
            [(0x1fL, SnapshotCompression.Snappy), (0x10L, SnapshotCompression.None), (0x2L, SnapshotCompression.Gzip)],
            snapLog.ListSnapshots().Select(s => (s.Zxid, s.Compression)));
        Assert.Equal(Path.Combine(dir.Path, "version-2"), snapLog.LogDir);
    }

    [Fact]
    public void Recovery_falls_back_from_a_torn_newest_snapshot_and_a_corrupt_one_to_the_newest_valid()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteSnapshot(snapLog, 5);
        var corrupt = WriteSnapshot(snapLog, 8);
        var torn = WriteSnapshot(snapLog, 9);
        var bytes = File.ReadAllBytes(corrupt);
        bytes[46] ^= 0x55; // the root's data: only the seal can tell
        File.WriteAllBytes(corrupt, bytes);
        File.WriteAllBytes(torn, File.ReadAllBytes(torn)[..200]);

        var loaded = snapLog.LoadNewestValidSnapshot(reader => SnapshotModel.Read(reader).Sessions[0].Key);
        Assert.NotNull(loaded);
        Assert.Equal(5, loaded.Value);
        Assert.Equal(5, loaded.Snapshot.Zxid);
        Assert.Equal([9L, 8L], loaded.Skipped.Select(s => s.Snapshot.Zxid));
        Assert.All(loaded.Skipped, s => Assert.IsType<SnapshotCorruptException>(s.Error));
    }

    [Fact]
    public void The_seal_is_checked_even_when_the_loader_stops_reading_early()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteSnapshot(snapLog, 5);
        var bad = WriteSnapshot(snapLog, 6);
        var bytes = File.ReadAllBytes(bad);
        bytes[^200] ^= 1; // inside /a's data, after what the loader reads
        File.WriteAllBytes(bad, bytes);
        var loaded = snapLog.LoadNewestValidSnapshot(reader => reader.ReadSessions().Count);
        Assert.Equal(5, loaded!.Snapshot.Zxid);
    }

    [Fact]
    public void No_snapshot_loads_as_null_and_only_invalid_ones_is_an_error()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        Assert.Null(snapLog.LoadNewestValidSnapshot(r => 0));
        File.WriteAllText(Path.Combine(snapLog.SnapDir, "snapshot.3"), "not a snapshot");
        Assert.Throws<SnapshotCorruptException>(() => snapLog.LoadNewestValidSnapshot(r => 0));
    }

    [Fact]
    public void The_logs_after_a_snapshot_start_with_the_last_log_that_began_at_or_before_it()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        Support.Txns.Write(snapLog.LogDir, 1, 9);
        Support.Txns.Write(snapLog.LogDir, 0x10, 0x1f);
        Support.Txns.Write(snapLog.LogDir, 0x20, 0x22);
        Assert.Equal(["log.10", "log.20"], snapLog.GetSnapshotLogs(0x15).Select(Path.GetFileName));
        Assert.Equal(["log.10", "log.20"], snapLog.GetSnapshotLogs(0x10).Select(Path.GetFileName));
        Assert.Equal(["log.1", "log.10", "log.20"], snapLog.GetSnapshotLogs(5).Select(Path.GetFileName));
        using var reader = snapLog.ReadLog(0x16);
        Assert.Equal(Enumerable.Range(0x16, 0x22 - 0x16 + 1).Select(i => (long)i), reader.ReadAll().Select(e => e.Zxid));
    }

    [Fact]
    public void Purge_keeps_the_newest_snapshots_and_the_logs_needed_to_replay_from_the_oldest_kept()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        Support.Txns.Write(snapLog.LogDir, 1, 7);
        Support.Txns.Write(snapLog.LogDir, 8, 0xb);
        Support.Txns.Write(snapLog.LogDir, 0xc, 0x18);
        Support.Txns.Write(snapLog.LogDir, 0x19, 0x20);
        foreach (var zxid in new long[] { 5, 0xa, 0x14, 0x1e })
        {
            WriteSnapshot(snapLog, zxid);
        }
        File.WriteAllText(Path.Combine(snapLog.SnapDir, "snapshot.4.tmp"), "leftover");

        var deleted = snapLog.Purge(3).Select(Path.GetFileName).Order().ToList();

        // Oldest kept: snapshot.a. log.8 starts before it and may hold its txns, so it stays; log.1 goes.
        Assert.Equal(["log.1", "snapshot.4.tmp", "snapshot.5"], deleted);
        Assert.Equal(["log.19", "log.8", "log.c", "snapshot.14", "snapshot.1e", "snapshot.a"],
            Directory.GetFiles(snapLog.SnapDir).Select(Path.GetFileName).Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => snapLog.Purge(2));
    }

    [Fact]
    public void Epoch_files_and_myid_are_written_atomically_and_read_back()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        Assert.Null(EpochFiles.ReadCurrentEpoch(snapLog.SnapDir));
        EpochFiles.WriteAcceptedEpoch(snapLog.SnapDir, 7);
        EpochFiles.WriteCurrentEpoch(snapLog.SnapDir, 6);
        EpochFiles.WriteCurrentEpoch(snapLog.SnapDir, 7);
        Assert.Equal(7, EpochFiles.ReadAcceptedEpoch(snapLog.SnapDir));
        Assert.Equal(7, EpochFiles.ReadCurrentEpoch(snapLog.SnapDir));
        Assert.Equal("7", File.ReadAllText(Path.Combine(snapLog.SnapDir, "currentEpoch")));
        Assert.DoesNotContain(Directory.GetFiles(snapLog.SnapDir), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        File.WriteAllText(Path.Combine(dir.Path, "myid"), " 3\n");
        Assert.Equal(3, EpochFiles.ReadMyId(dir.Path));
        EpochFiles.WriteMyId(dir.Path, 12);
        Assert.Equal(12, EpochFiles.ReadMyId(dir.Path));
        File.WriteAllText(Path.Combine(snapLog.SnapDir, "acceptedEpoch"), "seven");
        Assert.Throws<IOException>(() => EpochFiles.ReadAcceptedEpoch(snapLog.SnapDir));
    }
}
