using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The multi tests against Apache ZooKeeper 3.8.</summary>
public sealed class MultiTests_Apache(ApacheServer server) : MultiTests(server), IClassFixture<ApacheServer>;
