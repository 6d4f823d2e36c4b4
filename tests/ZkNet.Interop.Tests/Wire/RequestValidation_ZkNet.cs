using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Wire;

/// <summary><see cref="RequestValidation"/> against ZkNet.</summary>
public sealed class RequestValidation_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : RequestValidation(server, output), IClassFixture<ZkNetServer>;
