using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The ACL and auth tests against Apache ZooKeeper 3.8.</summary>
public sealed class AclTests_Apache(ApacheServer server) : AclTests(server), IClassFixture<ApacheServer>;
