using ZkNet.Cli.CommandLine;
using ZkNet.Cli.Output;
using ZkNet.Cli.Shell;

// zknet VERB [options]: the verbs are parsed by System.CommandLine (ZkNetCommandLine), except zknet cli, whose
// arguments are zkCli's own syntax (-server, -timeout, then a zkCli command and its flags) and go to it untouched.
return args is ["cli", .. var cli]
    ? await CliCommand.RunAsync(cli)
    : await ZkNetCommandLine.InvokeAsync(args, ToolConsole.ForProcess());
