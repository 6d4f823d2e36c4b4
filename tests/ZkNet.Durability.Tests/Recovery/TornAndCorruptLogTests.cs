using System.Security.Cryptography;
using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>
/// Damaged txn logs through real restarts of the zknet process: a torn last record (what a crash in the middle of
/// a write leaves) is cut and the server carries on; damage anywhere else stops startup with the file and offset
/// named, leaving the files untouched for an operator.
/// </summary>
public sealed class TornAndCorruptLogTests
{
    private const int Nodes = 20;

    public enum Tear
    {
        /// <summary>The file ends in the middle of the record.</summary>
        FileCutShort,
        /// <summary>The record's second half is zeros (the preallocated tail was never overwritten).</summary>
        ZeroedTail,
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(Tear.FileCutShort)]
    [InlineData(Tear.ZeroedTail)]
    public async Task A_torn_last_record_is_cut_at_the_last_valid_record_and_every_earlier_write_survives(Tear tear)
    {
        using var dir = new TestDirectory();
        await WriteNodesAndKillAsync(dir);
        var last = LogRecords.ReadAll(dir)[^1];
        Assert.Equal((int)OpCode.Create, last.Entry.Type);
        Assert.Equal($"/t{Nodes - 1}", Assert.IsType<CreateTxn>(last.Entry.Record).Path);
        var cutAt = last.Offset + (last.Length / 2);
        if (tear == Tear.FileCutShort)
        {
            using var file = new FileStream(last.File, FileMode.Open, FileAccess.Write);
            file.SetLength(cutAt);
        }
        else
        {
            using var file = new FileStream(last.File, FileMode.Open, FileAccess.Write);
            file.Position = cutAt;
            file.Write(new byte[last.End - cutAt]);
        }

        await using (var server = await Servers.StartZkNetAsync(dir))
        {
            Assert.Contains($"Txn log {last.File} has a torn tail at offset {last.Offset}", server.Output, StringComparison.Ordinal);
            // Cut exactly where the torn record began: nothing of it is left to be mistaken for data later.
            Assert.Equal(last.Offset, new FileInfo(last.File).Length);
            await using var client = await WireClient.ConnectAsync(server.Port);
            for (var i = 0; i < Nodes - 1; i++)
            {
                Assert.Equal($"v{i}", (await client.TryGetStringAsync($"/t{i}"))?.Data);
            }
            Assert.Null(await client.TryGetStringAsync($"/t{Nodes - 1}"));
            // Appending after the cut, then restarting again, finds a clean log.
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/after", "a")).Err);
            await server.KillAsync();
        }
        await using (var server = await Servers.StartZkNetAsync(dir))
        {
            Assert.DoesNotContain("torn tail", server.Output, StringComparison.Ordinal);
            await using var client = await WireClient.ConnectAsync(server.Port);
            Assert.Equal("a", (await client.TryGetStringAsync("/after"))?.Data);
            Assert.Equal("v0", (await client.TryGetStringAsync("/t0"))?.Data);
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task A_new_log_file_cut_inside_its_header_is_removed_and_the_server_carries_on()
    {
        using var dir = new TestDirectory();
        await WriteNodesAndKillAsync(dir);
        var last = LogRecords.ReadAll(dir)[^1];
        // What a crash right after rolling to a new file can leave: the file exists, its header is half written.
        var torn = Path.Combine(dir.VersionDir, $"log.{last.Entry.Zxid + 1:x}");
        await File.WriteAllBytesAsync(torn, [0x5A, 0x4B, 0x4C, 0x47, 0, 0, 0]);

        await using var server = await Servers.StartZkNetAsync(dir);
        Assert.False(File.Exists(torn));
        await using var client = await WireClient.ConnectAsync(server.Port);
        Assert.Equal($"v{Nodes - 1}", (await client.TryGetStringAsync($"/t{Nodes - 1}"))?.Data);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/after", "a")).Err);
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(TestSupport.ServerKind.ZkNet)]
    [InlineData(TestSupport.ServerKind.ApacheZooKeeper)]
    public async Task A_corrupt_record_in_the_middle_of_the_log_stops_startup_and_leaves_the_files_alone(TestSupport.ServerKind kind)
    {
        using var dir = new TestDirectory();
        await WriteNodesAndKillAsync(dir, kind);
        var victim = LogRecords.ReadAll(dir).Single(r => r.Entry.Record is CreateTxn { Path: "/t10" });
        // A byte inside the payload: the checksum no longer matches, and valid records follow.
        LogRecords.FlipByte(victim.File, victim.Offset + 12 + 20);
        var before = Hashes(dir);

        var (exitCode, output) = await Servers.RunUntilExitAsync(kind, dir);

        Assert.NotEqual(0, exitCode);
        Assert.Equal(before, Hashes(dir));
        if (kind == TestSupport.ServerKind.ZkNet)
        {
            // Where, exactly, so an operator can look.
            Assert.Contains($"txn log {victim.File} is corrupt at offset {victim.Offset}", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("CRC check failed", output, StringComparison.Ordinal);
        }
    }

    private static async Task WriteNodesAndKillAsync(TestDirectory dir, TestSupport.ServerKind kind = TestSupport.ServerKind.ZkNet)
    {
        await using var server = await Servers.StartAsync(kind, dir);
        await using var client = await WireClient.ConnectAsync(server.Port);
        for (var i = 0; i < Nodes; i++)
        {
            // One at a time, so each create is its own record and the last one is the last in the file.
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync($"/t{i}", $"v{i}")).Err);
        }
        await server.KillAsync();
    }

    private static Dictionary<string, string> Hashes(TestDirectory dir) =>
        Directory.EnumerateFiles(dir.VersionDir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
