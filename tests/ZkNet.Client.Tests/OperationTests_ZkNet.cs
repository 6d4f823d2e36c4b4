using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The operation tests against ZkNet.</summary>
public sealed class OperationTests_ZkNet(ZkNetServer server) : OperationTests(server), IClassFixture<ZkNetServer>;
