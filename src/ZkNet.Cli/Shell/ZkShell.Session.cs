using System.Reflection;
using System.Text;
using ZkNet.Protocol;

namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    private async Task<bool> AddAuthAsync(ParsedArgs args)
    {
        var auth = args.Positional.Count > 2 ? Encoding.UTF8.GetBytes(args.Positional[2]) : [];
        await Client.AddAuthAsync(args.Positional[1], auth).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> CloseAsync(ParsedArgs args)
    {
        await CloseClientAsync().ConfigureAwait(false);
        return true;
    }

    private Task<bool> ConnectCommandAsync(ParsedArgs args) =>
        ConnectAsync(args.Positional.Count > 1 ? args.Positional[1] : _connectString);

    private Task<bool> HistoryAsync(ParsedArgs args)
    {
        // zkCli lists the last ten commands before this one, and this one.
        for (var i = Math.Max(0, _history.Count - 11); i < _history.Count; i++)
        {
            _out.WriteLine($"{i} - {_history[i]}");
        }
        return Task.FromResult(true);
    }

    private Task<bool> PrintWatchesAsync(ParsedArgs args)
    {
        if (args.Positional.Count < 2)
        {
            _out.WriteLine(PrintWatches ? "printwatches is on" : "printwatches is off");
            return Task.FromResult(true);
        }
        PrintWatches = args.Positional[1] == "on";
        return Task.FromResult(true);
    }

    private Task<bool> QuitAsync(ParsedArgs args)
    {
        QuitRequested = true;
        return Task.FromResult(true);
    }

    private Task<bool> VersionAsync(ParsedArgs args)
    {
        var version = typeof(ZkShell).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ZkShell).Assembly.GetName().Version?.ToString();
        _out.WriteLine($"ZkNet CLI version: {version}");
        return Task.FromResult(true);
    }

    /// <summary>The client has no reconfig call yet, so this says so rather than pretending.</summary>
    private Task<bool> ReconfigAsync(ParsedArgs args)
    {
        _err.WriteLine("reconfig is not supported by zknet cli yet; use zkCli.sh for dynamic reconfiguration");
        return Task.FromResult(false);
    }

    private async Task<bool> RemoveWatchesAsync(ParsedArgs args)
    {
        var type = args.Has('c') ? WatcherType.Children : args.Has('d') ? WatcherType.Data : WatcherType.Any;
        await Client.RemoveAllWatchesAsync(args.Positional[1], type, args.Has('l')).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AddWatchAsync(ParsedArgs args)
    {
        var mode = args.Value('m') switch
        {
            null or "PERSISTENT_RECURSIVE" => AddWatchMode.PersistentRecursive,
            "PERSISTENT" => AddWatchMode.Persistent,
            var other => throw new ShellUsageException($"Unsupported mode: {other}"),
        };
        await Client.AddWatchAsync(args.Positional[1], _watcher, mode).ConfigureAwait(false);
        return true;
    }
}
