using ZkNet.Cli.Commands;
using ZkNet.Cli.Coordination;
using ZkNet.Cli.Shell;

// zknet VERB [options]. Verbs: server, cli, lock, elect, snapshot, log, purge; zknet VERB --help; zknet --version.
if (VerbHelp.TryAnswer(args, Console.Out))
{
    return 0;
}
if (args is ["--version" or "version"])
{
    Console.Out.WriteLine(VerbHelp.Version);
    return 0;
}
return args.Length == 0 || args[0] is "-h" or "--help" or "help"
    ? Usage()
    : args[0] switch
    {
        "server" => await ServerCommand.RunAsync(args[1..]),
        "cli" => await CliCommand.RunAsync(args[1..]),
        "snapshot" => SnapshotCommand.Run(args[1..], ZkNet.Cli.Output.ToolConsole.ForProcess()),
        "log" => LogCommand.Run(args[1..], ZkNet.Cli.Output.ToolConsole.ForProcess()),
        "purge" => PurgeCommand.Run(args[1..], ZkNet.Cli.Output.ToolConsole.ForProcess()),
        "lock" => await CoordinatedCommand.RunAsync(args[1..], elect: false),
        "elect" => await CoordinatedCommand.RunAsync(args[1..], elect: true),
        "completion" => CompletionCommand.Run(args[1..], Console.Out, Console.Error),
        _ => Usage($"unknown command '{args[0]}'" + (VerbSuggestion.Closest(args[0]) is { } verb ? $"; did you mean '{verb}'?" : "")),
    };

static int Usage(string? error = null)
{
    if (error is not null)
    {
        Console.Error.WriteLine("zknet: " + error);
    }
    Console.Error.WriteLine(VerbHelp.Usage);
    return error is null ? 0 : 2;
}
