using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.CClient;

/// <summary><see cref="CClientCommands"/> against ZkNet.</summary>
public sealed class CClientCommands_ZkNet(ZkNetServer server) : CClientCommands(server), IClassFixture<ZkNetServer>;
