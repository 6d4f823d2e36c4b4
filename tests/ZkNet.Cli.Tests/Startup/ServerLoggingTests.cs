using System.Text.Json;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Startup;

/// <summary><c>zknet server</c>'s log level and format, from options or the environment, and their bad values.</summary>
public sealed class ServerLoggingTests
{
    [Fact]
    public async Task Text_lines_name_each_event_and_the_level_option_filters_them()
    {
        await using var info = await ServerProcess.StartAsync(ServerKind.ZkNet);
        await using var quiet = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions { ServerArguments = ["--log-level", "warning"] });

        Assert.Matches(@"(?m)^[0-9-]+ [0-9:.]+ INFO  ZkNetServer \[LogStarted\]: ZkNet .+ serving clients on 127\.0\.0\.1:[0-9]+", info.Output);
        Assert.DoesNotContain("serving clients", quiet.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_writes_one_json_document_per_line_with_the_event_name()
    {
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions
        {
            Environment = new Dictionary<string, string> { ["ZKNET_LOG_FORMAT"] = "json" },
        });

        var entries = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        var started = Assert.Single(entries, e => e.GetProperty("event").GetString() == "LogStarted");
        Assert.Equal(("Information", "ZkNet.Hosting.ZkNetServer"), (started.GetProperty("level").GetString(), started.GetProperty("category").GetString()));
        Assert.StartsWith("127.0.0.1:", started.GetProperty("Endpoint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--log-level", "loud", "zknet server: --log-level must be one of trace, debug, information, warning, error, critical, none; not 'loud'")]
    [InlineData("--log-format", "xml", "zknet server: --log-format must be one of text, json, systemd; not 'xml'")]
    public async Task A_bad_log_option_exits_2_with_the_choices(string option, string value, string message)
    {
        var run = await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "server", option, value], TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());
    }
}
