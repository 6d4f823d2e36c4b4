using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.CClient;

/// <summary><see cref="CClientCommands"/> against ZkNet.</summary>
public sealed class CClientCommands_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : CClientCommands(server, output), IClassFixture<ZkNetServer>;
