using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// With zookeeper.enforceQuota on, a write past a soft limit (no hard limit set) goes through and is logged as
/// ZooKeeper's checkQuota logs it; a hard limit refuses the write. The warning is rate-limited to one a minute.
/// </summary>
public sealed class QuotaWarningTests
{
    [Fact]
    public async Task A_write_past_a_soft_limit_succeeds_and_is_logged_once_a_minute()
    {
        var logger = new CapturingLogger();
        var time = new ManualTimeProvider();
        var server = new ZooKeeperServer(new ZooKeeperServerOptions { EnforceQuota = true }, time: time, logger: logger);
        server.Start();
        await using (server)
        {
            var client = await TestClient.ConnectAsync(server);
            Assert.Equal(0, (await client.CreateAsync("/q")).Header.Err);
            Assert.Equal(0, (await client.CreateAsync("/zookeeper/quota/q")).Header.Err);
            // zkCli's setquota -n 2 writes this soft count limit.
            Assert.Equal(0, (await client.CreateAsync("/zookeeper/quota/q/zookeeper_limits", "count=2,bytes=-1")).Header.Err);
            Assert.Equal(0, (await client.CreateAsync("/zookeeper/quota/q/zookeeper_stats", "count=0,bytes=0")).Header.Err);

            Assert.Equal(0, (await client.CreateAsync("/q/a")).Header.Err);
            Assert.Empty(logger.Warnings);
            Assert.Equal(0, (await client.CreateAsync("/q/b")).Header.Err);
            Assert.Equal(0, (await client.CreateAsync("/q/c")).Header.Err);
            Assert.Equal(["Quota exceeded: /q [current count=3, soft limit=2]"], logger.Warnings);

            // A minute later (the first session has expired by then: virtual time, no pings) the next one is logged.
            time.Advance(TimeSpan.FromMinutes(1));
            client = await TestClient.ConnectAsync(server);
            Assert.Equal(0, (await client.CreateAsync("/q/d")).Header.Err);
            Assert.Equal(2, logger.Warnings.Count);
            Assert.Equal("Quota exceeded: /q [current count=5, soft limit=2]", logger.Warnings[^1]);

            // A hard limit refuses instead.
            Assert.Equal(0, (await client.SetDataAsync("/zookeeper/quota/q/zookeeper_limits", "count=-1,bytes=-1=;countHardLimit=5")).Header.Err);
            Assert.Equal((int)ErrorCode.QuotaExceeded, (await client.CreateAsync("/q/e")).Header.Err);
        }
    }

    private sealed class CapturingLogger : ILogger<ZooKeeperServer>
    {
        private readonly List<string> _warnings = [];

        public List<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
