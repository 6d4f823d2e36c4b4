using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>
/// <c>zknet completion</c>: the bash script, loaded into a real bash, completes verbs, subcommands, options and option
/// values; the zsh and fish scripts are printed; an unknown shell is a usage error.
/// </summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("zknet sn", "snapshot")]
    [InlineData("zknet snapshot c", "compare")]
    [InlineData("zknet log ", "dump")]
    [InlineData("zknet server --log-l", "--log-level")]
    [InlineData("zknet server --log-level wa", "warning")]
    [InlineData("zknet server --log-format j", "json")]
    [InlineData("zknet purge --c", "--count")]
    [InlineData("zknet completion f", "fish")]
    [InlineData("zknet --ver", "--version")]
    public async Task Bash_completes_verbs_subcommands_options_and_values(string line, string expected)
    {
        var script = await ZknetAsync("completion", "bash");
        Assert.Equal(0, script.ExitCode);
        var path = Path.Combine(Path.GetTempPath(), $"zknet-completion-{Guid.NewGuid():N}.bash");
        await File.WriteAllTextAsync(path, script.Out);
        try
        {
            // COMP_WORDS as bash splits the line; a trailing space starts an empty word.
            var words = line.Split(' ');
            var array = string.Join(" ", words.Select(w => $"'{w}'"));
            var (code, output, error) = await ExternalProcess.RunAsync("bash",
                ["-c", $"source '{path}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; _zknet; printf '%s\\n' \"${{COMPREPLY[@]}}\""],
                TimeSpan.FromSeconds(30));
            Assert.True(code == 0, error);
            Assert.Equal([expected], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task After_a_double_dash_the_command_completes_as_files()
    {
        var script = await ZknetAsync("completion", "bash");
        var (code, output, _) = await ExternalProcess.RunAsync("bash",
            ["-c", script.Out + "\nCOMP_WORDS=(zknet lock /l -- --s); COMP_CWORD=4; _zknet; echo \"${#COMPREPLY[@]}\""], TimeSpan.FromSeconds(30));

        Assert.Equal(0, code);
        Assert.Equal("0", output.Trim());
    }

    [Fact]
    public async Task Zsh_and_fish_scripts_are_printed_and_an_unknown_shell_is_a_usage_error()
    {
        var zsh = await ZknetAsync("completion", "zsh");
        var fish = await ZknetAsync("completion", "fish");
        var unknown = await ZknetAsync("completion", "tcsh");

        Assert.Equal(0, zsh.ExitCode);
        Assert.Contains("bashcompinit", zsh.Out, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _zknet zknet", zsh.Out, StringComparison.Ordinal);
        Assert.Equal(0, fish.ExitCode);
        Assert.Contains("complete -c zknet -n \"__fish_seen_subcommand_from snapshot; and not __fish_seen_subcommand_from dump summary compare\" -f -a \"dump summary compare\"", fish.Out, StringComparison.Ordinal);
        Assert.Contains("-l log-level -x -a \"trace debug information warning error critical none\"", fish.Out, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown shell 'tcsh'", unknown.Error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> ZknetAsync(params string[] args) =>
        await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, .. args], TimeSpan.FromSeconds(60));
}
