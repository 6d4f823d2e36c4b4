using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooOperations"/> against ZkNet.</summary>
public sealed class KazooOperations_ZkNet(ZkNetServer server) : KazooOperations(server), IClassFixture<ZkNetServer>;
