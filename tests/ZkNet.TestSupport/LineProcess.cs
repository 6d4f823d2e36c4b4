using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace ZkNet.TestSupport;

/// <summary>
/// A program driven line by line: lines go to its stdin, and everything it prints (stdout and stderr merged, each
/// line as it arrives) is read in order. Every wait is bounded; the process (and its children) is killed by id on
/// dispose.
/// </summary>
public sealed class LineProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="ExpectAsync"/> waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _transcript = new();
    private int _openStreams = 2;

    private LineProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>What the process is, for failure messages.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Every line read so far, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript)
            {
                return _transcript.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/> and <paramref name="environment"/> added.</summary>
    public static LineProcess Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        string? name = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new LineProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start " + program),
            name ?? Path.GetFileName(program));
        process._process.OutputDataReceived += (_, e) => process.Add(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Add(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends one line to the program's stdin.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next line, or null once the program has closed its output.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _lines.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads lines until one matches and returns every line read up to and including it; throws a
    /// <see cref="TimeoutException"/> with the transcript if none matches within <paramref name="within"/>
    /// (<see cref="DefaultBound"/> by default) or the program ends first.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpectAsync(Func<string, bool> match, TimeSpan? within = null)
    {
        var bound = within ?? DefaultBound;
        var seen = new List<string>();
        using var cts = new CancellationTokenSource(bound);
        try
        {
            while (await ReadLineAsync(cts.Token).ConfigureAwait(false) is { } line)
            {
                seen.Add(line);
                if (match(line))
                {
                    return seen;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} printed no expected line within {bound}:\n{Transcript}");
        }
        throw new TimeoutException($"{Name} ended without printing an expected line:\n{Transcript}");
    }

    /// <summary>Sends a line and returns the lines up to the one that matches (see <see cref="ExpectAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(string line, Func<string, bool> until, TimeSpan? within = null)
    {
        await SendAsync(line).ConfigureAwait(false);
        return await ExpectAsync(until, within).ConfigureAwait(false);
    }

    /// <summary>Closes stdin and waits (bounded) for the program to end by itself; returns whether it did.</summary>
    public async Task<bool> CloseInputAndWaitAsync(TimeSpan timeout)
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            // Both streams ended: no line will follow.
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _lines.Writer.TryComplete();
            }
            return;
        }
        lock (_transcript)
        {
            if (_transcript.Length < 1_000_000)
            {
                _transcript.AppendLine(line);
            }
        }
        _lines.Writer.TryWrite(line);
    }
}
