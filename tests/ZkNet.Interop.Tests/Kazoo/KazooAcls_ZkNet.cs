using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooAcls"/> against ZkNet.</summary>
public sealed class KazooAcls_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : KazooAcls(server, output), IClassFixture<ZkNetServer>;
