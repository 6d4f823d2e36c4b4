using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The fault tests against ZkNet (tickTime 500 ms).</summary>
public sealed class FaultTests_ZkNet(ZkNetFastServer server) : FaultTests(server), IClassFixture<ZkNetFastServer>;
