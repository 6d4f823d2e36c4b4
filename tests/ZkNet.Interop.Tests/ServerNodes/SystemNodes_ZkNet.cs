using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.ServerNodes;

/// <summary><see cref="SystemNodes"/> against ZkNet.</summary>
public sealed class SystemNodes_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : SystemNodes(server, output), IClassFixture<ZkNetServer>;
