using System.Diagnostics;
using System.Globalization;

namespace ZkNet.Cli.Output;

/// <summary>
/// A one-line progress bar on standard error for long reads, redrawn in place with a carriage return at most ten
/// times a second and erased when done. Created only when stderr is a terminal and the file is large.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private static readonly long RedrawInterval = Stopwatch.Frequency / 10;

    private readonly TextWriter _error;
    private readonly string _label;
    private readonly long _total;
    private long _lastDraw;
    private int _lastLength;

    private ProgressBar(TextWriter error, string label, long total)
    {
        _error = error;
        _label = label;
        _total = Math.Max(1, total);
    }

    /// <summary>A bar for reading <paramref name="total"/> bytes, or null when none should be drawn.</summary>
    public static ProgressBar? Start(ToolConsole console, string label, long total) =>
        console.ErrorIsTerminal && total >= console.ProgressThreshold ? new ProgressBar(console.Error, label, total) : null;

    /// <summary>Redraws for <paramref name="done"/> bytes read, unless it was redrawn less than 100 ms ago.</summary>
    public void Report(long done)
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastDraw < RedrawInterval)
        {
            return;
        }
        _lastDraw = now;
        var fraction = Math.Clamp((double)done / _total, 0, 1);
        var filled = (int)(fraction * Width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}% {Mib(done)}/{Mib(_total)} MiB");
        _error.Write(line);
        _error.Flush();
        _lastLength = line.Length;
    }

    /// <summary>Erases the bar.</summary>
    public void Dispose()
    {
        if (_lastLength > 0)
        {
            _error.Write("\r" + new string(' ', _lastLength) + "\r");
            _error.Flush();
            _lastLength = 0;
        }
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
}
