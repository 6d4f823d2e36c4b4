namespace ZkNet.Server.Metrics;

/// <summary>The process's file descriptor figures (Linux /proc; 0 elsewhere), as ZooKeeper's Unix OS bean reports them.</summary>
public static class ProcessFigures
{
    /// <summary>File descriptors open now.</summary>
    public static long OpenFileDescriptors()
    {
        try
        {
            return Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The soft limit on open file descriptors ("Max open files").</summary>
    public static long MaxFileDescriptors()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.TryParse(fields[0], out var soft) ? soft : 0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
