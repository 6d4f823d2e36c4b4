using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary><see cref="JavaClientOperations"/> against Apache ZooKeeper.</summary>
public sealed class JavaClientOperations_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : JavaClientOperations(server, output), IClassFixture<ApacheZooKeeperServer>;
