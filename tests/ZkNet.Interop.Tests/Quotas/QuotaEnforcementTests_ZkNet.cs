using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary><see cref="QuotaEnforcementTests"/> against ZkNet.</summary>
public sealed class QuotaEnforcementTests_ZkNet(QuotaEnforcingZkNetServer server, ITestOutputHelper output)
    : QuotaEnforcementTests(server, output), IClassFixture<QuotaEnforcingZkNetServer>;
