using ZkNet.Client.Tests.Infrastructure;

namespace ZkNet.Client.Tests;

/// <summary>The fault tests against Apache ZooKeeper 3.8 (tickTime 500 ms).</summary>
public sealed class FaultTests_Apache(ApacheFastServer server) : FaultTests(server), IClassFixture<ApacheFastServer>;
