using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooWatches"/> against Apache ZooKeeper.</summary>
public sealed class KazooWatches_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : KazooWatches(server, output), IClassFixture<ApacheZooKeeperServer>;
