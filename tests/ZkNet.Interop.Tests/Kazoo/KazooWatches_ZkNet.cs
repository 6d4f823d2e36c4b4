using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooWatches"/> against ZkNet.</summary>
public sealed class KazooWatches_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : KazooWatches(server, output), IClassFixture<ZkNetServer>;
