using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Durability.Tests.Support;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>snapSizeLimitInKb: a snapshot is also taken once the log grows past (a randomized share of) the limit.</summary>
public sealed class SnapshotTriggerTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(8, true)]
    [InlineData(0, false)]
    public async Task Log_size_past_snapSizeLimitInKb_starts_a_snapshot_even_when_snapCount_is_far_away(long limitKb, bool expectSnapshot)
    {
        using var dir = new TestDirectory();
        var config = new ServerConfig
        {
            DataDir = dir.DataDir, ClientPort = 0, ClientPortAddress = "127.0.0.1", PreAllocSizeKb = 64,
            SnapCount = 1_000_000, SnapSizeLimitInKb = limitKb,
        };
        await using var server = await ZkNetServer.StartAsync(config, NullLoggerFactory.Instance);
        var atStart = server.Core.SnapshotsTaken;
        await using var client = await WireClient.ConnectAsync(server.ClientEndPoint.Port);
        var padding = new string('x', 1000);
        // 100 creates of ~1 KB log about 100 KB, far more than an 8 KB limit and far fewer than snapCount.
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ErrorCode.Ok, (await client.CreateAsync($"/s{i}", padding)).Err);
        }
        // A snapshot completes in the background after the log syncs: wait for it, bounded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (server.Core.SnapshotsTaken == atStart && expectSnapshot && DateTime.UtcNow < deadline)
        {
            Assert.Equal(ErrorCode.Ok, (await client.SetDataAsync("/s0", "tick")).Err);
        }
        Assert.Equal(expectSnapshot, server.Core.SnapshotsTaken > atStart);
    }
}
