using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The operation tests against Apache ZooKeeper 3.8.</summary>
public sealed class OperationTests_Apache(ApacheServer server) : OperationTests(server), IClassFixture<ApacheServer>;
