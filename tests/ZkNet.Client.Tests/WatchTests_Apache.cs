using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The watch tests against Apache ZooKeeper 3.8.</summary>
public sealed class WatchTests_Apache(ApacheServer server) : WatchTests(server), IClassFixture<ApacheServer>;
