using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>ZkNet, started as the shipped zknet executable.</summary>
public sealed class ZkNetServer() : InteropServerFixture(ServerKind.ZkNet);
