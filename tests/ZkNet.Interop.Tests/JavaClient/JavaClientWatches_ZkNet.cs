using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary><see cref="JavaClientWatches"/> against ZkNet.</summary>
public sealed class JavaClientWatches_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : JavaClientWatches(server, output), IClassFixture<ZkNetServer>;
