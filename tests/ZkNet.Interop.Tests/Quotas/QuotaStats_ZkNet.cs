using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary><see cref="QuotaStats"/> against ZkNet.</summary>
public sealed class QuotaStats_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : QuotaStats(server, output), IClassFixture<ZkNetServer>;
