using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.CClient;

/// <summary><see cref="CClientCommands"/> against Apache ZooKeeper.</summary>
public sealed class CClientCommands_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : CClientCommands(server, output), IClassFixture<ApacheZooKeeperServer>;
