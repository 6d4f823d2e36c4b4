using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.ZkCli;

/// <summary><see cref="ZkCliCommands"/> against Apache ZooKeeper.</summary>
public sealed class ZkCliCommands_Apache(ApacheZooKeeperServer server) : ZkCliCommands(server), IClassFixture<ApacheZooKeeperServer>;
