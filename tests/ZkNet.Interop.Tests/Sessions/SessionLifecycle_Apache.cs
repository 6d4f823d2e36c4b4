using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Sessions;

/// <summary><see cref="SessionLifecycle"/> against Apache ZooKeeper.</summary>
public sealed class SessionLifecycle_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : SessionLifecycle(server, output), IClassFixture<ApacheZooKeeperServer>;
