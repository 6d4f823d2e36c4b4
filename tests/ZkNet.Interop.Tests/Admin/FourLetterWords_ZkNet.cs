using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Admin;

/// <summary><see cref="FourLetterWords"/> against ZkNet.</summary>
public sealed class FourLetterWords_ZkNet(ZkNetServer server, ITestOutputHelper output)
    : FourLetterWords(server, output), IClassFixture<ZkNetServer>;
