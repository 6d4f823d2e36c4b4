using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Curator;

/// <summary><see cref="CuratorRecipes"/> against ZkNet.</summary>
public sealed class CuratorRecipes_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : CuratorRecipes(server, output), IClassFixture<ZkNetServer>;
