using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Curator;

/// <summary><see cref="CuratorRecipes"/> against Apache ZooKeeper.</summary>
public sealed class CuratorRecipes_Apache(ApacheZooKeeperServer server) : CuratorRecipes(server), IClassFixture<ApacheZooKeeperServer>;
