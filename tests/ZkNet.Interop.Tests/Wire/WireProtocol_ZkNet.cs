using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Wire;

/// <summary><see cref="WireProtocol"/> against ZkNet.</summary>
public sealed class WireProtocol_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : WireProtocol(server, output), IClassFixture<ZkNetServer>;
