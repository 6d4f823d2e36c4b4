using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Sessions;

/// <summary><see cref="SessionLifecycle"/> against ZkNet.</summary>
public sealed class SessionLifecycle_ZkNet(ZkNetServer server) : SessionLifecycle(server), IClassFixture<ZkNetServer>;
