using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The pipelining tests against ZkNet.</summary>
public sealed class PipelineTests_ZkNet(ZkNetServer server) : PipelineTests(server), IClassFixture<ZkNetServer>;
