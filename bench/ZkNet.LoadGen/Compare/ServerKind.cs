namespace ZkNet.LoadGen.Compare;

/// <summary>The servers the compare command knows how to start.</summary>
internal enum ServerKind
{
    /// <summary>Apache ZooKeeper 3.8 from the Debian package, standalone (ZooKeeperServerMain).</summary>
    Apache,
    /// <summary>ZkNet: <c>dotnet zknet.dll server --config zoo.cfg</c>.</summary>
    ZkNet,
}
