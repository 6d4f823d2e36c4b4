using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The chroot tests against Apache ZooKeeper 3.8.</summary>
public sealed class ChrootTests_Apache(ApacheServer server) : ChrootTests(server), IClassFixture<ApacheServer>;
