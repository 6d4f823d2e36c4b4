using System.Text;
using ZkNet.Cli.Output;

namespace ZkNet.Cli.Tests.Support;

/// <summary>What a tool printed and returned, run in-process on captured streams.</summary>
public sealed record ToolRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs a command with stdout and stderr captured; stderr counts as a terminal when asked.</summary>
    internal static ToolRun Of(Func<string[], ToolConsole, int> command, params string[] args) => Of(command, false, 0, args);

    internal static ToolRun Of(Func<string[], ToolConsole, int> command, bool errorIsTerminal, long progressThreshold, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var console = new ToolConsole(output, error, errorIsTerminal,
            errorIsTerminal ? progressThreshold : ToolConsole.DefaultProgressThreshold);
        var code = command(args, console);
        return new ToolRun(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>Output lines without the trailing empty one.</summary>
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
