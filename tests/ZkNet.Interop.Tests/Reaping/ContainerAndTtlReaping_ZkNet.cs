using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Reaping;

/// <summary><see cref="ContainerAndTtlReaping"/> against ZkNet.</summary>
public sealed class ContainerAndTtlReaping_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : ContainerAndTtlReaping(server, output), IClassFixture<ZkNetServer>;
