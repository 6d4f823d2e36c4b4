namespace ZkNet.Cli.Tests.Support;

/// <summary>The test classes that read <see cref="DataDirs"/>: the servers write them once for all.</summary>
[CollectionDefinition(Name)]
public sealed class DataDirsCollection : ICollectionFixture<DataDirs>
{
    public const string Name = "data dirs written by both servers";
}
