using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Wire;

/// <summary><see cref="WireProtocol"/> against Apache ZooKeeper.</summary>
public sealed class WireProtocol_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : WireProtocol(server, output), IClassFixture<ApacheZooKeeperServer>;
