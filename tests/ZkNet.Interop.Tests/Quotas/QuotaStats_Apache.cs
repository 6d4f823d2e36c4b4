using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary><see cref="QuotaStats"/> against Apache ZooKeeper.</summary>
public sealed class QuotaStats_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : QuotaStats(server, output), IClassFixture<ApacheZooKeeperServer>;
