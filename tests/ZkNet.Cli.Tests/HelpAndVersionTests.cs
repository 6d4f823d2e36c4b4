using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>Every verb answers --help with its usage on stdout and exit 0; --version names the build's commit.</summary>
public sealed class HelpAndVersionTests
{
    [Theory]
    [InlineData("server")]
    [InlineData("lock")]
    [InlineData("elect")]
    [InlineData("snapshot")]
    [InlineData("log")]
    [InlineData("purge")]
    public async Task Each_verb_answers_help_with_its_usage_and_exit_0(string verb)
    {
        var help = await ZkNetAsync(verb, "--help");
        var shortHelp = await ZkNetAsync(verb, "-h");
        var helpVerb = await ZkNetAsync("help", verb);

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith($"usage: zknet {verb} ", help.Out, StringComparison.Ordinal);
        Assert.Equal(help, shortHelp);
        Assert.Equal(help, helpVerb);
    }

    [Fact]
    public async Task Cli_keeps_zkClis_own_help_and_exit_0()
    {
        var run = await ZkNetAsync("cli", "-h");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: zknet cli -server host:port", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_help_flag_after_the_double_dash_belongs_to_the_locked_command()
    {
        // The verb itself runs (and refuses its unknown option at once): help would have gone to stdout with exit 0.
        var run = await ZkNetAsync("lock", "--bogus", "/l", "--", "ls", "-h");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Version_names_the_commit_this_build_came_from()
    {
        var head = (await ExternalProcess.RunAsync("git", ["rev-parse", "HEAD"], workingDirectory: RepositoryPaths.Root)).Out.Trim();

        var run = await ZkNetAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($"^zknet [0-9]+\\.[0-9]+\\.[0-9]+[^ ]* \\(commit {head} of [0-9-]+ [0-9:]+ UTC\\), ZooKeeper 3\\.9\\.2 compatible\n$", run.Out);
    }

    [Fact]
    public async Task Server_config_without_a_file_says_what_it_needs()
    {
        var run = await ZkNetAsync("server", "--config");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("zknet server: --config needs a file: the zoo.cfg to run with\n", run.Error);
    }

    private static async Task<(int ExitCode, string Out, string Error)> ZkNetAsync(params string[] args) =>
        await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, .. args], TimeSpan.FromSeconds(60));
}
