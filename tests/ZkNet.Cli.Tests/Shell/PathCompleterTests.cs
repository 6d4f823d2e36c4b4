using ZkNet.Cli.Shell;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>Tab completion's choices on a fixed tree: command names first, then znode paths by their parent's children.</summary>
public sealed class PathCompleterTests
{
    private static readonly Dictionary<string, string[]> Tree = new(StringComparer.Ordinal)
    {
        ["/"] = ["app", "apple", "zookeeper"],
        ["/app"] = ["config", "cache"],
        ["/app/config"] = ["db"],
        ["/app/cache"] = [],
        ["/apple"] = [],
    };

    private static readonly PathCompleter Completer = new(() => ["get", "getAcl", "ls", "delete"],
        path => Tree.TryGetValue(path, out var children) ? children : null);

    [Theory]
    [InlineData("l", "ls ")]
    [InlineData("ge", "get")]
    [InlineData("ls /z", "ls /zookeeper ")]
    [InlineData("ls /app/ca", "ls /app/cache ")]
    [InlineData("ls /app/co", "ls /app/config")]
    [InlineData("ls /ap", "ls /app")]
    [InlineData("ls /app/config/d", "ls /app/config/db ")]
    [InlineData("ls /missing/x", "ls /missing/x")]
    [InlineData("ls rel", "ls rel")]
    public void Tab_completes_as_far_as_the_matches_agree(string line, string completed)
    {
        var completion = Completer.Complete(line, line.Length);

        Assert.Equal(completed, completion.Line);
        Assert.Equal(completed.Length, completion.Cursor);
    }

    [Fact]
    public void Several_matches_are_all_returned_for_listing()
    {
        var completion = Completer.Complete("get /app/c", "get /app/c".Length);

        Assert.Equal(["cache", "config"], completion.Candidates);
        Assert.Equal("get /app/c", completion.Line);
    }

    [Fact]
    public void Completion_in_the_middle_of_a_line_keeps_what_follows_the_cursor()
    {
        var completion = Completer.Complete("ls /zoo -w", "ls /zoo".Length);

        Assert.Equal("ls /zookeeper  -w", completion.Line);
        Assert.Equal("ls /zookeeper ".Length, completion.Cursor);
    }
}
