using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooOperations"/> against Apache ZooKeeper.</summary>
public sealed class KazooOperations_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : KazooOperations(server, output), IClassFixture<ApacheZooKeeperServer>;
