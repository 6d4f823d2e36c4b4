using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Hostile;

/// <summary><see cref="HostileClients"/> against Apache ZooKeeper.</summary>
public sealed class HostileClients_Apache(HostileApacheServer server, ITestOutputHelper output)
    : HostileClients(server, output), IClassFixture<HostileApacheServer>;
