using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The chroot tests against ZkNet.</summary>
public sealed class ChrootTests_ZkNet(ZkNetServer server) : ChrootTests(server), IClassFixture<ZkNetServer>;
