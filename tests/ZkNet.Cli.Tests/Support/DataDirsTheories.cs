using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Support;

/// <summary>Base of the test classes whose theories run once for each server that wrote a <see cref="DataDirs"/> directory.</summary>
public abstract class DataDirsTheories
{
    /// <summary>The servers that wrote the shared data directories.</summary>
    public static TheoryData<ServerKind> Writers => [ServerKind.ApacheZooKeeper, ServerKind.ZkNet];
}
