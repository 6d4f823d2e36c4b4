using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.ZkCli;

/// <summary><see cref="ZkCliCommands"/> against ZkNet.</summary>
public sealed class ZkCliCommands_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : ZkCliCommands(server, output), IClassFixture<ZkNetServer>;
