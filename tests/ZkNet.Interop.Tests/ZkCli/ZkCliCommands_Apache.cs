using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.ZkCli;

/// <summary><see cref="ZkCliCommands"/> against Apache ZooKeeper.</summary>
public sealed class ZkCliCommands_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : ZkCliCommands(server, output), IClassFixture<ApacheZooKeeperServer>;
