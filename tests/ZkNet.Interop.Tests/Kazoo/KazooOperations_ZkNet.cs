using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooOperations"/> against ZkNet.</summary>
public sealed class KazooOperations_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : KazooOperations(server, output), IClassFixture<ZkNetServer>;
