using System.Text;

namespace ZkNet.Persistence.DataDir;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content, never a mix (ZooKeeper's
/// AtomicFileOutputStream / AtomicFileWritingIdiom): write &lt;name&gt;.tmp, fsync it, rename it over the target,
/// fsync the directory.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of the temporary file, as ZooKeeper names it.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var temp = full + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
        DirectorySync.Fsync(Path.GetDirectoryName(full)!);
    }

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="text"/> in UTF-8 (no byte order mark).</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
}
