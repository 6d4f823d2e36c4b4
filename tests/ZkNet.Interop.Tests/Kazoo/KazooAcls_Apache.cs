using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary><see cref="KazooAcls"/> against Apache ZooKeeper.</summary>
public sealed class KazooAcls_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : KazooAcls(server, output), IClassFixture<ApacheZooKeeperServer>;
