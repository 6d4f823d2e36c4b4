using System.Diagnostics.CodeAnalysis;
using ZkNet.Persistence.Snapshots;

namespace ZkNet.Cli.Output;

/// <summary>
/// A snapshot file opened for a tool: the reader (decompressing by the file name, as ZooKeeper does) and a progress
/// bar that follows the position in the file itself, which is the only honest measure for a compressed file.
/// </summary>
internal sealed class SnapshotSource : IDisposable
{
    private readonly FileStream _file;
    private readonly ProgressBar? _bar;
    private int _calls;

    private SnapshotSource(FileStream file, SnapshotReader reader, SnapshotCompression compression, ProgressBar? bar)
    {
        _file = file;
        Reader = reader;
        Compression = compression;
        _bar = bar;
        FileLength = file.Length;
    }

    public SnapshotReader Reader { get; }

    public SnapshotCompression Compression { get; }

    public long FileLength { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, or reports why it cannot (a missing file, a bad header...) as an error of
    /// <paramref name="verb"/> and gives the exit code to return.
    /// </summary>
    public static bool TryOpen(string path, ToolConsole console, string verb, [NotNullWhen(true)] out SnapshotSource? source,
        out int exitCode)
    {
        try
        {
            source = Open(path, console);
            exitCode = ExitCodes.Ok;
            return true;
        }
        catch (Exception e) when (ToolErrors.IsFileProblem(e))
        {
            source = null;
            exitCode = ToolErrors.Report(console, verb, path, e);
            return false;
        }
    }

    /// <summary>Opens <paramref name="path"/>; throws FileNotFoundException, SnapshotCorruptException (bad header)...</summary>
    private static SnapshotSource Open(string path, ToolConsole console)
    {
        var compression = SnapshotFileName.TryParse(Path.GetFileName(path), out _, out var parsed) ? parsed : SnapshotCompression.None;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1024 * 1024);
        try
        {
            // The reader owns the file from here (it disposes it); the bar only reads its position while reading.
            var reader = new SnapshotReader(file, compression, path);
            return new SnapshotSource(file, reader, compression, ProgressBar.Start(console, Path.GetFileName(path), file.Length));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Called once per node; looks at the clock on the first node and every 1024th after it.</summary>
    public void Progress()
    {
        if (_bar is not null && (++_calls & 1023) == 1)
        {
            _bar.Report(_file.Position);
        }
    }

    /// <summary>Erases the bar (before an error message goes to the same terminal).</summary>
    public void StopProgress() => _bar?.Dispose();

    public void Dispose()
    {
        _bar?.Dispose();
        Reader.Dispose();
    }
}
