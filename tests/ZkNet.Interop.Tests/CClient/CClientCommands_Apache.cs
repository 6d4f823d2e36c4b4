using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.CClient;

/// <summary><see cref="CClientCommands"/> against Apache ZooKeeper.</summary>
public sealed class CClientCommands_Apache(ApacheZooKeeperServer server) : CClientCommands(server), IClassFixture<ApacheZooKeeperServer>;
