using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Apache ZooKeeper 3.8 (Debian package), the reference every expectation is checked against.</summary>
public sealed class ApacheZooKeeperServer() : InteropServerFixture(ServerKind.ApacheZooKeeper);
