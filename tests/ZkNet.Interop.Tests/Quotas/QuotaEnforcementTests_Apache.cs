using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary><see cref="QuotaEnforcementTests"/> against Apache ZooKeeper.</summary>
public sealed class QuotaEnforcementTests_Apache(QuotaEnforcingApacheZooKeeperServer server, ITestOutputHelper output)
    : QuotaEnforcementTests(server, output), IClassFixture<QuotaEnforcingApacheZooKeeperServer>;
