using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Hostile;

/// <summary><see cref="HostileClients"/> against ZkNet.</summary>
public sealed class HostileClients_ZkNet(HostileZkNetServer server, ITestOutputHelper output)
    : HostileClients(server, output), IClassFixture<HostileZkNetServer>;
