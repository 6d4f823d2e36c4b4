using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.ServerNodes;

/// <summary><see cref="SystemNodes"/> against Apache ZooKeeper.</summary>
public sealed class SystemNodes_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : SystemNodes(server, output), IClassFixture<ApacheZooKeeperServer>;
