using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The pipelining tests against Apache ZooKeeper 3.8.</summary>
public sealed class PipelineTests_Apache(ApacheServer server) : PipelineTests(server), IClassFixture<ApacheServer>;
