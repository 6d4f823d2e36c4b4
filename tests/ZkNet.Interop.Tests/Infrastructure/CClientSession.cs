using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// An interactive session of the C client's shell (cli_mt from zookeeper-bin): commands go to stdin one line at a
/// time, and everything it prints (watch events and completions alike, all on stderr, in the order the client's
/// completion thread ran them) is read line by line. Every wait is bounded; the process is killed by id at the end.
/// </summary>
public sealed class CClientSession : IAsyncDisposable
{
    /// <summary>The C client shell of the Debian zookeeper-bin package.</summary>
    public const string Executable = "/usr/lib/zookeeper/bin/cli_mt";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _transcript = new();

    private CClientSession(Process process) => _process = process;

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

    /// <summary>Starts cli_mt against the server and waits (bounded) for its session.</summary>
    public static async Task<CClientSession> StartAsync(string connectString)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { connectString },
        };
        var session = new CClientSession(Process.Start(start) ?? throw new InvalidOperationException("cli_mt did not start"));
        session._process.OutputDataReceived += (_, e) => session.Add(e.Data);
        session._process.ErrorDataReceived += (_, e) => session.Add(e.Data);
        session._process.BeginOutputReadLine();
        session._process.BeginErrorReadLine();
        await session.ExpectAsync(l => l.StartsWith("Got a new session id", StringComparison.Ordinal));
        return session;
    }

    /// <summary>Sends one command line.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Reads lines until one matches, returning every line read up to and including it; fails with the
    /// transcript if none matches in time.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpectAsync(Func<string, bool> match)
    {
        var seen = new List<string>();
        using var cts = new CancellationTokenSource(Bound);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                seen.Add(line);
                if (match(line))
                {
                    return seen;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"cli_mt printed no expected line within {Bound}:\n{Transcript}");
        }
    }

    /// <summary>Sends a command and returns the lines up to the one that matches.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(string command, Func<string, bool> until)
    {
        await SendAsync(command);
        return await ExpectAsync(until);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync("quit");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
        ExternalProcess.Kill(_process);
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_transcript)
        {
            _transcript.AppendLine(line);
        }
        _lines.Writer.TryWrite(line);
    }
}
