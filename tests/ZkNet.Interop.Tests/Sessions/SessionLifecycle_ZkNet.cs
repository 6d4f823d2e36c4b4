using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Sessions;

/// <summary><see cref="SessionLifecycle"/> against ZkNet.</summary>
public sealed class SessionLifecycle_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : SessionLifecycle(server, output), IClassFixture<ZkNetServer>;
