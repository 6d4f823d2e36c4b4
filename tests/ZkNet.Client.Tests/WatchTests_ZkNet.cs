using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The watch tests against ZkNet.</summary>
public sealed class WatchTests_ZkNet(ZkNetServer server) : WatchTests(server), IClassFixture<ZkNetServer>;
