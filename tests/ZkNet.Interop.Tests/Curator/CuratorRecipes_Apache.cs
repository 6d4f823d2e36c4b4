using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Curator;

/// <summary><see cref="CuratorRecipes"/> against Apache ZooKeeper.</summary>
public sealed class CuratorRecipes_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : CuratorRecipes(server, output), IClassFixture<ApacheZooKeeperServer>;
