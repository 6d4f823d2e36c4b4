using Xunit.Abstractions;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// Base of every interop test class: the server of this class, and client runners that copy each client's whole
/// output into the test's output, so a failing assertion on ZkNet comes with what the client saw.
/// </summary>
public abstract class InteropTest(InteropServerFixture server, ITestOutputHelper output)
{
    /// <summary>The server this class runs against.</summary>
    protected InteropServerFixture Server { get; } = server;

    /// <summary>Runs a kazoo scenario script against <see cref="Server"/>.</summary>
    protected async Task<ScenarioResult> KazooAsync(string script, string scenario, params string[] args) =>
        Log(await KazooScripts.RunAsync(script, Server.ConnectString, scenario, args));

    /// <summary>Runs a Java client or Curator scenario against <see cref="Server"/>.</summary>
    protected async Task<ScenarioResult> JavaAsync(string scenario, params string[] args) =>
        Log(await JavaScenarios.RunAsync(Server.ConnectString, scenario, args));

    /// <summary>Runs one zkCli.sh command against <see cref="Server"/>.</summary>
    protected async Task<ProcessOutcome> ZkCliAsync(params string[] command)
    {
        var outcome = await ZkCliShell.RunAsync(Server.ConnectString, command);
        output.WriteLine(outcome.Describe());
        return outcome;
    }

    /// <summary>Writes a line to the test's output.</summary>
    protected void Note(string line) => output.WriteLine(line);

    private ScenarioResult Log(ScenarioResult result)
    {
        output.WriteLine(result.Outcome.Describe());
        return result;
    }
}
