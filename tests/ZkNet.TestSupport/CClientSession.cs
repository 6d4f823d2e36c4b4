namespace ZkNet.TestSupport;

/// <summary>
/// An interactive session of the C client's shell (cli_mt from zookeeper-bin): commands go to stdin one line at a
/// time, and everything it prints (watch events and completions alike, all on stderr, in the order the client's
/// completion thread ran them) is read line by line. Every wait is bounded; the process is killed by id at the end.
/// </summary>
public sealed class CClientSession : IAsyncDisposable
{
    /// <summary>The C client shell of the Debian zookeeper-bin package.</summary>
    public const string Executable = "/usr/lib/zookeeper/bin/cli_mt";

    private readonly LineProcess _process;

    private CClientSession(LineProcess process) => _process = process;

    /// <summary>Every line read so far, for failure messages.</summary>
    public string Transcript => _process.Transcript;

    /// <summary>The session id of the first "Got a new session id" line.</summary>
    public long SessionId { get; private set; }

    /// <summary>Starts cli_mt against the servers in <paramref name="connectString"/> and waits (bounded) for its session.</summary>
    public static async Task<CClientSession> StartAsync(string connectString)
    {
        var session = new CClientSession(LineProcess.Start(Executable, [connectString], name: "cli_mt"));
        const string Marker = "Got a new session id: 0x";
        var lines = await session.ExpectAsync(l => l.StartsWith(Marker, StringComparison.Ordinal));
        session.SessionId = Convert.ToInt64(lines[^1][Marker.Length..].Trim(), 16);
        return session;
    }

    /// <summary>Sends one command line.</summary>
    public Task SendAsync(string command) => _process.SendAsync(command);

    /// <summary>
    /// Reads lines until one matches, returning every line read up to and including it; fails with the
    /// transcript if none matches in time.
    /// </summary>
    public Task<IReadOnlyList<string>> ExpectAsync(Func<string, bool> match, TimeSpan? within = null) => _process.ExpectAsync(match, within);

    /// <summary>Sends a command and returns the lines up to the one that matches.</summary>
    public Task<IReadOnlyList<string>> RunAsync(string command, Func<string, bool> until, TimeSpan? within = null) =>
        _process.RunAsync(command, until, within);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync("quit");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
        await _process.CloseInputAndWaitAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }
}
