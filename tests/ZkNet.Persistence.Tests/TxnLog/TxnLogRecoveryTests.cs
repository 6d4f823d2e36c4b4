using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Persistence.Tests.TxnLog;

/// <summary>Crashes leave torn tails, which recovery cuts; anything else is corruption that must stop recovery.</summary>
public sealed class TxnLogRecoveryTests
{
    [Fact]
    public void A_last_record_whose_end_never_reached_disk_is_a_torn_tail_and_cutting_it_lets_logging_resume()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 10);
        var last = Support.Txns.Records(dir.Path)[^1];
        // The preallocated file is zeros past the write, so a write cut short leaves zeros where its end should be.
        Support.Txns.Patch(last.File, last.Offset + last.Length - 6, new byte[6]);

        using (var reader = TxnLogReader.Open(dir.Path))
        {
            Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), reader.ReadAll().Select(e => e.Zxid));
            var torn = Assert.IsType<TornTail>(reader.TornTail);
            Assert.Equal((last.File, last.Offset), (torn.File, torn.Offset));
            torn.Truncate();
        }
        Assert.Equal(last.Offset, new FileInfo(last.File).Length);
        Support.Txns.Write(dir.Path, 10, 12);
        using var again = TxnLogReader.Open(dir.Path);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), again.ReadAll().Select(e => e.Zxid));
        Assert.Null(again.TornTail);
    }

    [Fact]
    public void A_file_that_ends_inside_a_record_without_preallocation_is_a_torn_tail()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 5, new TxnLogOptions { PreAllocSize = 0 });
        var last = Support.Txns.Records(dir.Path)[^1];
        using (var stream = new FileStream(last.File, FileMode.Open))
        {
            stream.SetLength(last.Offset + 20);
        }
        using var reader = TxnLogReader.Open(dir.Path);
        Assert.Equal(4, reader.ReadAll().Count());
        Assert.Equal(last.Offset, reader.TornTail!.Offset);
    }

    [Fact]
    public void Garbage_after_the_last_good_record_with_no_valid_record_in_it_is_a_torn_tail()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 5);
        var last = Support.Txns.Records(dir.Path)[^1];
        var garbage = new byte[3000];
        new Random(3).NextBytes(garbage);
        Support.Txns.Patch(last.File, last.Offset + last.Length, garbage);
        using var reader = TxnLogReader.Open(dir.Path);
        Assert.Equal(5, reader.ReadAll().Count());
        Assert.Equal(last.Offset + last.Length, reader.TornTail!.Offset);
    }

    [Fact]
    public void A_damaged_record_followed_by_good_ones_is_corruption_naming_the_file_and_offset()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 10);
        var fifth = Support.Txns.Records(dir.Path)[4];
        Support.Txns.Patch(fifth.File, fifth.Offset + 30, [0xEE]);
        using var reader = TxnLogReader.Open(dir.Path);
        var error = Assert.Throws<TxnLogCorruptException>(() => reader.ReadAll().ToList());
        Assert.Equal((fifth.File, fifth.Offset), (error.File, error.Offset));
        Assert.Contains(fifth.File, error.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {fifth.Offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zeroed_record_in_the_middle_is_corruption_rather_than_the_end_of_the_log()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 10);
        var fifth = Support.Txns.Records(dir.Path)[4];
        Support.Txns.Patch(fifth.File, fifth.Offset, new byte[fifth.Length]);
        using var reader = TxnLogReader.Open(dir.Path);
        var error = Assert.Throws<TxnLogCorruptException>(() => reader.ReadAll().ToList());
        Assert.Equal(fifth.Offset, error.Offset);
    }

    [Fact]
    public void A_torn_record_in_a_log_that_is_not_the_last_is_corruption()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 5);
        Support.Txns.Write(dir.Path, 6, 10);
        var last = Support.Txns.Records(dir.Path).Last(r => r.Zxid == 5);
        Support.Txns.Patch(last.File, last.Offset + last.Length - 1, [0]);
        using var reader = TxnLogReader.Open(dir.Path);
        var error = Assert.Throws<TxnLogCorruptException>(() => reader.ReadAll().ToList());
        Assert.Equal((last.File, last.Offset), (error.File, error.Offset));
    }

    [Fact]
    public void An_empty_last_log_is_a_torn_tail_whose_cut_deletes_the_file()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 5);
        var empty = Path.Combine(dir.Path, "log.6");
        File.WriteAllBytes(empty, []);
        using (var reader = TxnLogReader.Open(dir.Path))
        {
            Assert.Equal(5, reader.ReadAll().Count());
            Assert.Equal((empty, 0L), (reader.TornTail!.File, reader.TornTail.Offset));
            reader.TornTail.Truncate();
        }
        Assert.False(File.Exists(empty));
    }

    [Fact]
    public void A_log_with_a_bad_magic_number_is_corruption()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 5);
        var file = Directory.GetFiles(dir.Path)[0];
        Support.Txns.Patch(file, 0, "ZKSN"u8);
        using var reader = TxnLogReader.Open(dir.Path);
        Assert.Equal(0, Assert.Throws<TxnLogCorruptException>(() => reader.MoveNext()).Offset);
    }

    [Fact]
    public void Truncating_after_a_zxid_cuts_its_file_there_and_deletes_later_logs()
    {
        using var dir = new TempDir();
        Support.Txns.Write(dir.Path, 1, 10);
        Support.Txns.Write(dir.Path, 11, 20);
        Assert.True(TxnLogFiles.TruncateAfter(dir.Path, 7));
        Assert.Equal(["log.1"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), Support.Txns.Zxids(dir.Path));
        Support.Txns.Write(dir.Path, 8, 9);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), Support.Txns.Zxids(dir.Path));
    }
}
