using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Distribution;

/// <summary>zknet as a .NET tool: packed from the build the tests use, installed from a local folder as an operator would.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Packed_tool_installs_from_a_folder_and_runs()
    {
        using var dir = new TempDir();
        var feed = dir.Combine("feed");
        var tools = dir.Combine("tools");
        var project = Path.Combine(RepositoryPaths.Root, "src", "ZkNet.Cli", "ZkNet.Cli.csproj");
        // Only the local folder as a source, so the install neither reaches a registry nor picks another "zknet".
        var nugetConfig = dir.Combine("nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);

        var pack = await ExternalProcess.RunAsync("dotnet",
            ["pack", project, "-c", RepositoryPaths.Configuration, "--no-build", "-nologo", "-o", feed], TimeSpan.FromSeconds(120));
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
        var install = await ExternalProcess.RunAsync("dotnet",
            ["tool", "install", "--tool-path", tools, "--configfile", nugetConfig, "--add-source", feed, "zknet"], TimeSpan.FromSeconds(120),
            workingDirectory: dir.Path);
        Assert.True(install.ExitCode == 0, install.Out + install.Error);
        var tool = await ExternalProcess.RunAsync(Path.Combine(tools, "zknet"), ["--version"], TimeSpan.FromSeconds(60));
        var built = await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "--version"], TimeSpan.FromSeconds(60));

        Assert.Single(Directory.GetFiles(feed, "zknet.*.nupkg"));
        Assert.Equal(0, tool.ExitCode);
        Assert.StartsWith("zknet ", tool.Out, StringComparison.Ordinal);
        Assert.Equal(built.Out, tool.Out);
    }
}
