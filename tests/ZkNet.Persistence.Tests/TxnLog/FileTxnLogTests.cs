using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.TxnLog;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.TxnLog;

public sealed class FileTxnLogTests
{
    [Fact]
    public void Txns_appended_then_committed_once_read_back_byte_for_byte()
    {
        using var dir = new TempDir();
        using (var log = new FileTxnLog(dir.Path))
        {
            for (var zxid = 1; zxid <= 100; zxid++)
            {
                log.Append(Support.Txns.Create(zxid, zxid * 3));
            }
            var commit = log.Commit();
            Assert.Equal(100, commit.Records);
            Assert.Equal(100, commit.LastZxid);
            Assert.Equal(100, log.LastZxidFlushed);
        }
        using var reader = TxnLogReader.Open(dir.Path);
        var zxids = new List<long>();
        while (reader.MoveNext())
        {
            var expected = TxnSerializer.Serialize(Support.Txns.Create(reader.Current.Zxid, (int)reader.Current.Zxid * 3));
            Assert.Equal(expected, reader.Current.Payload.ToArray());
            Assert.Equal(expected, TxnSerializer.Serialize(reader.Current.Entry));
            zxids.Add(reader.Current.Zxid);
        }
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), zxids);
        Assert.Null(reader.TornTail);
    }

    [Fact]
    public void A_new_file_is_named_by_its_first_zxid_in_hex_and_starts_with_the_ZKLG_header()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 0x1a, 0x20);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Equal("log.1a", Path.GetFileName(file));
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(FileHeader.ForTxnLog(), FileHeader.Read(bytes));
        Assert.Equal("ZKLG"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public void The_file_is_extended_with_zeros_in_preAllocSize_steps_ahead_of_the_writes()
    {
        using var dir = new TempDir();
        var options = new TxnLogOptions { PreAllocSize = 16 * 1024 };
        using var log = new FileTxnLog(dir.Path, options);
        log.Append(Support.Txns.Create(1));
        log.Commit();
        var file = log.CurrentFile!;
        Assert.Equal(16 * 1024, new FileInfo(file).Length);
        for (var zxid = 2; zxid <= 40; zxid++)
        {
            log.Append(Support.Txns.Create(zxid, 1000));
        }
        log.Commit();
        var length = new FileInfo(file).Length;
        Assert.Equal(0, length % (16 * 1024));
        Assert.True(length >= log.CurrentLogSize + FilePadding.Margin, $"{length} leaves less than 4 KiB after {log.CurrentLogSize}");
        var bytes = File.ReadAllBytes(file);
        Assert.All(bytes[(int)log.CurrentLogSize..], b => Assert.Equal(0, b));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), Support.Txns.Zxids(dir.Path));
    }

    [Fact]
    public void Rolling_starts_a_new_file_and_records_appended_before_the_roll_become_durable_on_the_next_commit()
    {
        using var dir = new TempDir();
        using (var log = new FileTxnLog(dir.Path, new TxnLogOptions { PreAllocSize = 4096 }))
        {
            log.Append(Support.Txns.Create(1));
            log.Commit();
            log.Append(Support.Txns.Create(2));
            log.RollLog();
            log.Append(Support.Txns.Create(3));
            log.Append(Support.Txns.Create(4));
            var commit = log.Commit();
            Assert.Equal(3, commit.Records);
        }
        Assert.Equal(["log.1", "log.3"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal([1L, 2, 3, 4], Support.Txns.Zxids(dir.Path));
    }

    [Fact]
    public void Reading_from_a_zxid_starts_in_the_file_that_holds_it_and_skips_earlier_txns()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 10);
        Support.Txns.Write(dir.Path, 11, 20);
        Support.Txns.Write(dir.Path, 21, 30);
        using var reader = TxnLogReader.Open(dir.Path, 15);
        Assert.Equal(["log.b", "log.15"], reader.Files.Select(Path.GetFileName));
        Assert.Equal(Enumerable.Range(15, 16).Select(i => (long)i), reader.ReadAll().Select(e => e.Zxid));
    }

    [Fact]
    public void A_size_limit_rolls_the_log_after_the_commit_that_crosses_it()
    {
        using var dir = new TempDir();
        using var log = new FileTxnLog(dir.Path, new TxnLogOptions { PreAllocSize = 4096, SizeLimit = 2000 });
        for (var zxid = 1; zxid <= 30; zxid++)
        {
            log.Append(Support.Txns.Create(zxid, 100));
            log.Commit();
        }
        Assert.True(Directory.GetFiles(dir.Path).Length >= 3);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), Support.Txns.Zxids(dir.Path));
    }

    [Fact]
    public void A_commit_reports_the_fsync_time_and_whether_it_crossed_the_warning_threshold()
    {
        using var dir = new TempDir();
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(1500));
        using var log = new FileTxnLog(dir.Path, new TxnLogOptions { TimeProvider = clock, FsyncWarningThreshold = TimeSpan.FromSeconds(1) });
        log.Append(Support.Txns.Create(1));
        var slow = log.Commit();
        Assert.Equal(TimeSpan.FromMilliseconds(1500), slow.FsyncDuration);
        Assert.True(slow.FsyncThresholdExceeded);
        Assert.Equal(TimeSpan.Zero, log.Commit().FsyncDuration);
    }

    [Fact]
    public void Txns_appended_but_never_committed_are_not_in_the_log()
    {
        using var dir = new TempDir();
        using (var log = new FileTxnLog(dir.Path))
        {
            log.Append(Support.Txns.Create(1));
            log.Commit();
            log.Append(Support.Txns.Create(2));
        }
        Assert.Equal([1L], Support.Txns.Zxids(dir.Path));
    }

    [Fact]
    public void A_raw_payload_is_logged_as_given()
    {
        using var dir = new TempDir();
        var entry = Support.Txns.Create(5);
        using (var log = new FileTxnLog(dir.Path))
        {
            log.AppendRaw(5, TxnSerializer.Serialize(entry));
            log.Commit();
        }
        using var reader = TxnLogReader.Open(dir.Path);
        Assert.True(reader.MoveNext());
        Assert.Equal(TxnSerializer.Serialize(entry), reader.Current.Payload.ToArray());
        Assert.Equal(new TxnDigest(2, 5000), reader.Current.Entry.Digest);
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += step.Ticks;
    }
}
