using ZkNet.Cli.Commands;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>A mistyped verb is refused with the nearest verb suggested; something unlike any verb gets no guess.</summary>
public sealed class VerbSuggestionTests
{
    [Theory]
    [InlineData("serve", "server")]
    [InlineData("sever", "server")]
    [InlineData("srever", "server")]
    [InlineData("SERVER", "server")]
    [InlineData("clii", "cli")]
    [InlineData("snapshots", "snapshot")]
    [InlineData("purg", "purge")]
    [InlineData("elcet", "elect")]
    [InlineData("frobnicate", null)]
    [InlineData("x", null)]
    [InlineData("ls", null)]
    public void Nearest_verb_is_suggested_only_when_close(string typed, string? suggested)
    {
        Assert.Equal(suggested, VerbSuggestion.Closest(typed));
    }

    [Fact]
    public async Task Mistyped_verb_exits_2_with_a_suggestion()
    {
        var run = await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "sever"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("zknet: unknown command 'sever'; did you mean 'server'?\n", run.Error, StringComparison.Ordinal);
    }
}
