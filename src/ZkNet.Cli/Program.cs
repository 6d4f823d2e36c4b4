using ZkNet.Cli.Commands;
using ZkNet.Cli.Coordination;
using ZkNet.Cli.Shell;

// zknet VERB [options]. Verbs: server, cli, lock, elect, snapshot, log, purge.
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
        _ => Usage($"unknown command '{args[0]}'"),
    };

static int Usage(string? error = null)
{
    if (error is not null)
    {
        Console.Error.WriteLine("zknet: " + error);
    }
    Console.Error.WriteLine("""
        usage: zknet server [--config zoo.cfg]   run a standalone server (default: 127.0.0.1:2181, data in ./zknet-data)
               zknet cli -server host:port[/chroot] [cmd args...]   zkCli's commands (interactive without a command)
               zknet lock [--server host:port] PATH -- COMMAND [ARGS]    run COMMAND holding the mutex at PATH (Curator's layout)
               zknet elect [--server host:port] PATH -- COMMAND [ARGS]   run COMMAND while leader of the election at PATH
               zknet snapshot dump|summary FILE [--json]   read a snapshot file (ZooKeeper's format)
               zknet log dump FILE [--json]                read a txn log file
               zknet purge DATADIR [DATALOGDIR] -n COUNT   delete all but the COUNT newest snapshots and their logs
        """);
    return error is null ? 0 : 2;
}
