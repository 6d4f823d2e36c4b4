using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Wire;

/// <summary><see cref="RequestValidation"/> against Apache ZooKeeper.</summary>
public sealed class RequestValidation_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : RequestValidation(server, output), IClassFixture<ApacheZooKeeperServer>;
