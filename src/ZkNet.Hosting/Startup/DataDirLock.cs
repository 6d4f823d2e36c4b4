using System.Globalization;

namespace ZkNet.Hosting.Startup;

/// <summary>
/// An exclusive hold on a data directory for the life of a server, so that a second server started on the same
/// dataDir (or dataLogDir) refuses instead of writing into the first one's log. The lock is a POSIX record lock on
/// <c>zknet.lock</c> in the directory (released by the kernel when the process dies, so a kill -9 leaves nothing
/// to clean up), plus an in-process table, because record locks do not exclude two holders in one process.
/// </summary>
internal sealed class DataDirLock : IDisposable
{
    /// <summary>The lock file's name inside the directory; Apache ZooKeeper ignores files it does not know.</summary>
    public const string FileName = "zknet.lock";

    private static readonly HashSet<string> HeldInProcess = new(StringComparer.Ordinal);
    private readonly FileStream _file;
    private readonly string _directory;

    private DataDirLock(FileStream file, string directory)
    {
        _file = file;
        _directory = directory;
    }

    /// <summary>Takes the lock on <paramref name="directory"/> (which exists), named <paramref name="key"/> in messages.</summary>
    /// <exception cref="StartupException">Another server holds it, or the lock file cannot be written.</exception>
    public static DataDirLock Acquire(string key, string directory)
    {
        var path = Path.Combine(directory, FileName);
        lock (HeldInProcess)
        {
            if (!HeldInProcess.Add(directory))
            {
                throw InUse(key, directory, Environment.ProcessId);
            }
        }
        FileStream? file = null;
        try
        {
            // FileShare.ReadWrite: the holder's pid stays readable by the server that is refused.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            try
            {
                // macOS has no byte-range FileStream.Lock in .NET; there only the in-process table protects.
                if (!OperatingSystem.IsMacOS())
                {
                    file.Lock(0, 1);
                }
            }
            catch (IOException)
            {
                throw InUse(key, directory, ReadOwner(path));
            }
            file.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            file.Write(pid);
            file.Flush(flushToDisk: false);
            return new DataDirLock(file, directory);
        }
        catch (Exception ex)
        {
            file?.Dispose();
            lock (HeldInProcess)
            {
                HeldInProcess.Remove(directory);
            }
            if (ex is StartupException)
            {
                throw;
            }
            if (ex is UnauthorizedAccessException or IOException)
            {
                throw new StartupException($"{key} {directory} is not writable ({path}: {ex.Message}): make it writable by user " +
                    $"{Environment.UserName} or point {key} in zoo.cfg at a directory that is", ex);
            }
            throw;
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        lock (HeldInProcess)
        {
            HeldInProcess.Remove(_directory);
        }
    }

    private static StartupException InUse(string key, string directory, int? pid) => new(
        $"{key} {directory} is in use by another server" + (pid is { } p ? $" (process {p.ToString(CultureInfo.InvariantCulture)})" : "") +
        $" holding {Path.Combine(directory, FileName)}: stop that server, or give this one its own {key} in zoo.cfg");

    private static int? ReadOwner(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
