using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The ACL and auth tests against ZkNet.</summary>
public sealed class AclTests_ZkNet(ZkNetServer server) : AclTests(server), IClassFixture<ZkNetServer>;
