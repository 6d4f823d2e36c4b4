using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Reaping;

/// <summary><see cref="ContainerAndTtlReaping"/> against Apache ZooKeeper.</summary>
public sealed class ContainerAndTtlReaping_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : ContainerAndTtlReaping(server, output), IClassFixture<ApacheZooKeeperServer>;
