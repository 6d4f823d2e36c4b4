using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;

namespace ZkNet.Cli.Shell;

/// <summary>
/// zkCli's command set on <see cref="ZooKeeperClient"/>: one session, a numbered history, and the same words and
/// printed forms as zkCli.sh, so that runbooks written for it keep working. Output goes to the writers given, in
/// the streams zkCli uses (results to standard output, "Created" and errors to standard error).
/// </summary>
internal sealed partial class ZkShell : IAsyncDisposable
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly TimeSpan _sessionTimeout;
    private readonly bool _readOnly;
    private readonly ZooKeeperTlsOptions? _tls;
    private readonly IWatcher _watcher;
    private readonly List<string> _history = [];
    private readonly Dictionary<string, ShellCommand> _commands;
    private ZooKeeperClient? _client;
    private string _connectString = "localhost:2181";

    public ZkShell(TextWriter output, TextWriter error, TimeSpan sessionTimeout, bool readOnly = false, ZooKeeperTlsOptions? tls = null)
    {
        _tls = tls;
        // Watch events arrive on the client's dispatcher while a command may be printing.
        _out = TextWriter.Synchronized(output);
        _err = TextWriter.Synchronized(error);
        _sessionTimeout = sessionTimeout;
        _readOnly = readOnly;
        _watcher = Watcher.Create(PrintEvent);
        _commands = CreateCommands();
    }

    /// <summary>Whether watch events (zkCli's "printwatches") are printed.</summary>
    public bool PrintWatches { get; set; } = true;

    /// <summary>Whether connection state changes (type:None events) are printed, as zkCli does.</summary>
    public bool PrintStateEvents { get; set; } = true;

    /// <summary>Set by quit.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>The number the next command gets in the history.</summary>
    public int CommandCount => _history.Count;

    /// <summary>The command names, for completion.</summary>
    public IEnumerable<string> CommandNames => _commands.Keys;

    /// <summary>The history, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>zkCli's prompt: "[zk: host:port(CONNECTED) 0] ".</summary>
    public string Prompt => $"[zk: {_connectString}({StateName}) {CommandCount}] ";

    private string StateName => _client?.State switch
    {
        null => "CLOSED",
        ClientState.NotConnected => "NOT_CONNECTED",
        ClientState.ConnectedReadOnly => "CONNECTEDREADONLY",
        ClientState.AuthFailed => "AUTH_FAILED",
        var state => state.ToString()!.ToUpperInvariant(),
    };

    /// <summary>
    /// Opens a session on <paramref name="connectString"/> (closing any current one first) and waits for it up
    /// to the session timeout; a client that gets no session in time keeps trying in the background, as zkCli's.
    /// </summary>
    public async Task<bool> ConnectAsync(string connectString)
    {
        await CloseClientAsync().ConfigureAwait(false);
        _connectString = connectString;
        ZooKeeperClient client;
        try
        {
            client = new ZooKeeperClient(new ZooKeeperClientOptions
            {
                ConnectString = connectString,
                SessionTimeout = _sessionTimeout,
                ConnectTimeout = _sessionTimeout,
                CanBeReadOnly = _readOnly,
                Tls = _tls,
            });
        }
        catch (ArgumentException e)
        {
            _err.WriteLine(e.Message);
            return false;
        }
        client.DefaultWatcher = _watcher;
        _client = client;
        try
        {
            await client.OpenAsync().ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException e)
        {
            _err.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>Runs one line, records it in the history, and says whether it succeeded.</summary>
    public async Task<bool> ExecuteLineAsync(string line)
    {
        var words = CommandLineTokenizer.Split(line);
        if (words.Count == 0)
        {
            return true;
        }
        if (words[0] == "redo")
        {
            // redo runs an earlier command and takes its place in the history, as zkCli's does.
            if (words.Count < 2 || !int.TryParse(words[1], out var number) || number < 0 || number >= _history.Count)
            {
                _err.WriteLine("Command index out of range");
                _history.Add(line);
                return false;
            }
            line = _history[number];
            words = CommandLineTokenizer.Split(line);
        }
        _history.Add(line);
        return await ExecuteWordsAsync(words).ConfigureAwait(false);
    }

    private async Task<bool> ExecuteWordsAsync(List<string> words)
    {
        if (!_commands.TryGetValue(words[0], out var command))
        {
            PrintUsage();
            _err.WriteLine($"Command not found: Command not found {words[0]}");
            return false;
        }
        if (command.NeedsSession && (_client is null || _client.State is ClientState.Closed or ClientState.Expired))
        {
            // zkCli prints this one on standard output.
            _out.WriteLine("Not connected");
            return false;
        }
        try
        {
            var args = ParsedArgs.Parse(words, command.Flags, command.Valued);
            if (args.Positional.Count - 1 < command.MinArgs)
            {
                _err.WriteLine(command.Usage);
                return false;
            }
            return await command.Run(args).ConfigureAwait(false);
        }
        catch (KeeperException e)
        {
            _err.WriteLine(Describe(e));
            return false;
        }
        catch (Exception e) when (e is ShellUsageException or ArgumentException or TimeoutException)
        {
            _err.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>zkCli's messages for the errors an operator meets most; others print the exception's text.</summary>
    private static string Describe(KeeperException e) => e switch
    {
        NoNodeException => $"Node does not exist: {e.Path}",
        NodeExistsException => $"Node already exists: {e.Path}",
        NotEmptyException => $"Node not empty: {e.Path}",
        BadVersionException => $"version No is not valid : {e.Path}",
        NoAuthException => $"Insufficient permission : {e.Path}",
        _ => e.Message,
    };

    private void PrintUsage()
    {
        _err.WriteLine("ZooKeeper -server host:port -client-configuration properties-file cmd args");
        foreach (var name in _commands.Keys.Order(StringComparer.Ordinal))
        {
            _err.WriteLine("\t" + _commands[name].Usage);
        }
    }

    private void PrintEvent(WatchedEvent watchedEvent)
    {
        if (PrintWatches && (PrintStateEvents || !watchedEvent.IsStateChange))
        {
            _out.WriteLine(ShellFormat.Event(watchedEvent));
        }
    }

    private ZooKeeperClient Client => _client ?? throw new ShellUsageException("Not connected");

    private async Task CloseClientAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Unlike zkCli, the session closes on exit, so the ephemerals it made go at once.
        PrintStateEvents = false;
        await CloseClientAsync().ConfigureAwait(false);
    }
}
