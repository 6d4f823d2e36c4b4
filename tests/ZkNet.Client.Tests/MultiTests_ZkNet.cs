using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The multi tests against ZkNet.</summary>
public sealed class MultiTests_ZkNet(ZkNetServer server) : MultiTests(server), IClassFixture<ZkNetServer>;
