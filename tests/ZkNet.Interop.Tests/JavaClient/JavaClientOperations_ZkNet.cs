using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary><see cref="JavaClientOperations"/> against ZkNet.</summary>
public sealed class JavaClientOperations_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : JavaClientOperations(server, output), IClassFixture<ZkNetServer>;
