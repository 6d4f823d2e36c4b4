namespace ZkNet.Durability.Tests.Support;

/// <summary>A temporary folder for one test (zoo.cfg, data), deleted on dispose.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zknet-durability-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDir);
    }

    public string Path { get; }

    /// <summary>dataDir as <see cref="Servers"/> configures it.</summary>
    public string DataDir => System.IO.Path.Combine(Path, "data");

    /// <summary>Where both servers keep snapshots and (without dataLogDir) logs.</summary>
    public string VersionDir => System.IO.Path.Combine(DataDir, "version-2");

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies the data directory to <paramref name="target"/>'s, so a second server can start from the same files.</summary>
    public void CopyDataTo(TestDirectory target)
    {
        foreach (var file in Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target.DataDir, System.IO.Path.GetRelativePath(DataDir, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
