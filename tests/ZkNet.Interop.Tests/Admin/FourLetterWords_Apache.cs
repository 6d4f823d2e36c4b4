using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Admin;

/// <summary><see cref="FourLetterWords"/> against Apache ZooKeeper.</summary>
public sealed class FourLetterWords_Apache(ApacheZooKeeperServer server, ITestOutputHelper output)
    : FourLetterWords(server, output), IClassFixture<ApacheZooKeeperServer>;
