using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary><see cref="JavaClientWatches"/> against Apache ZooKeeper.</summary>
public sealed class JavaClientWatches_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : JavaClientWatches(server, output), IClassFixture<ApacheZooKeeperServer>;
