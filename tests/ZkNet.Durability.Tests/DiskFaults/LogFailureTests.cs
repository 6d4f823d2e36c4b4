using Microsoft.Extensions.Logging;
using ZkNet.Durability.Tests.Support;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.DiskFaults;

/// <summary>
/// A txn log that stops working (a failed write, or an fsync that reports an error), injected deterministically into
/// an in-process server: the server must stop accepting writes, acknowledge nothing after the failure (clients see
/// their connection close), say why in its log, and leave a log from which a restart recovers every acknowledged
/// write. ZooKeeper's sync thread treats the same failure as fatal and the server shuts down; ZkNet does the same.
/// </summary>
public sealed class LogFailureTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(LogFault.WriteFails)]
    [InlineData(LogFault.FsyncFails)]
    [InlineData(LogFault.Unexpected)]
    public async Task After_a_log_failure_nothing_is_acknowledged_the_server_stops_and_a_restart_recovers_every_acknowledged_write(LogFault fault)
    {
        using var dir = new TestDirectory();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var config = new ServerConfig { DataDir = dir.DataDir, ClientPort = 0, ClientPortAddress = "127.0.0.1", PreAllocSizeKb = 64 };
        FailingTxnLog? failing = null;
        var server = await ZkNetServer.StartAsync(config, loggerFactory, log => failing = new FailingTxnLog(log, fault));
        var acknowledged = new List<string>();
        var lateReplies = new List<(string What, ErrorCode? Err)>();
        await using (server)
        {
            var port = server.ClientEndPoint.Port;
            await using var writer = await WireClient.ConnectAsync(port);
            await using var other = await WireClient.ConnectAsync(port);
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(ErrorCode.Ok, (await writer.CreateAsync($"/before{i}", $"b{i}")).Err);
                acknowledged.Add($"/before{i}");
            }

            failing!.Arm();
            var writes = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? writer : other).CreateAsync($"/after{i}", $"a{i}")).ToList();
            await failing.Tripped.Task.WaitAsync(TimeSpan.FromSeconds(10));
            // A read of what the failed batch created must not reveal it: it was never durable.
            var read = other.GetDataAsync("/after0");
            foreach (var (task, what) in writes.Select((t, i) => (t, $"create /after{i}")).Append((read, "getData /after0")))
            {
                try
                {
                    var reply = await task;
                    lateReplies.Add((what, reply.Err));
                }
                catch (ConnectionLostException)
                {
                    // What must happen: the connection closes without a reply.
                }
            }
            // A bound to catch a hang, not a speed requirement: the shutdown gives connections up to 10 s to end.
            await server.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(server.Fault);
            await Assert.ThrowsAsync<ConnectionLostException>(() => WireClient.ConnectAsync(port));
        }

        // Nothing that was written after the failure was acknowledged, and the operator was told why.
        Assert.DoesNotContain(lateReplies, r => r.Err == ErrorCode.Ok);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains("Txn log sync failed", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains("Stopping the server", StringComparison.Ordinal)
            && l.Message.Contains("injected", StringComparison.Ordinal));

        // The log reads back whole, and a restart on it has every acknowledged write.
        var records = LogRecords.ReadAll(dir);
        Assert.All(acknowledged, path => Assert.Contains(records, r => r.Entry.Record is CreateTxn create && create.Path == path));
        if (fault != LogFault.FsyncFails)
        {
            Assert.DoesNotContain(records, r => r.Entry.Record is CreateTxn { Path: var p } && p.StartsWith("/after", StringComparison.Ordinal));
        }
        await using var restarted = await ZkNetServer.StartAsync(config, loggerFactory);
        await using var client = await WireClient.ConnectAsync(restarted.ClientEndPoint.Port);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"b{i}", (await client.TryGetStringAsync($"/before{i}"))?.Data);
        }
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/writable-again", "w")).Err);
    }
}
