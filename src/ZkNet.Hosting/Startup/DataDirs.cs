using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Startup;

/// <summary>
/// Makes sure dataDir and dataLogDir are usable directories before recovery touches them, and locks them, turning
/// each problem into one line that names the directory and the fix rather than a raw .NET message such as
/// "Could not find a part of the path".
/// </summary>
internal sealed class DataDirs : IDisposable
{
    private readonly List<DataDirLock> _locks;

    private DataDirs(List<DataDirLock> locks) => _locks = locks;

    /// <summary>Checks, creates (when datadir.autocreate allows) and locks the data directories of <paramref name="config"/>.</summary>
    /// <exception cref="StartupException">A directory is missing, not a directory, not writable, or held by another server.</exception>
    public static DataDirs Prepare(ServerConfig config)
    {
        var dirs = new List<(string Key, string Path)> { ("dataDir", Path.GetFullPath(config.DataDir)) };
        if (config.DataLogDir is { } logDir && Path.GetFullPath(logDir) != dirs[0].Path)
        {
            dirs.Add(("dataLogDir", Path.GetFullPath(logDir)));
        }
        var locks = new List<DataDirLock>();
        try
        {
            foreach (var (key, path) in dirs)
            {
                Ensure(key, path, config.DataDirAutocreate);
                locks.Add(DataDirLock.Acquire(key, path));
            }
        }
        catch
        {
            locks.ForEach(l => l.Dispose());
            throw;
        }
        return new DataDirs(locks);
    }

    public void Dispose() => _locks.ForEach(l => l.Dispose());

    private static void Ensure(string key, string path, bool autocreate)
    {
        if (File.Exists(path))
        {
            throw new StartupException($"{key} {path} is a file, not a directory: point {key} in zoo.cfg at a directory");
        }
        if (!autocreate && !Directory.Exists(Path.Combine(path, "version-2")))
        {
            // ZooKeeper's own check (FileTxnSnapLog): with autocreate off, a data directory without version-2 is
            // taken for a mistyped path rather than an empty database.
            throw new StartupException($"{key} {path}/version-2 does not exist and datadir.autocreate is false: point {key} " +
                "in zoo.cfg at the existing data, or set zookeeper.datadir.autocreate=true to start empty");
        }
        if (Directory.Exists(path))
        {
            return;
        }
        // Walk up to the first part of the path that exists, so the message names the real obstacle.
        var existing = Path.GetDirectoryName(path);
        while (existing is not null && !Directory.Exists(existing) && !File.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is not null && File.Exists(existing))
        {
            throw new StartupException($"{key} {path} cannot be created: {existing} is a file, not a directory; point {key} in zoo.cfg elsewhere");
        }
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new StartupException($"{key} {path} cannot be created in {existing} ({ex.Message}): create it and make it " +
                $"writable by user {Environment.UserName}, or point {key} in zoo.cfg elsewhere", ex);
        }
    }
}
