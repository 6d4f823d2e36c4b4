using System.Text.RegularExpressions;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Startup;

/// <summary>The running executable reports the commit it was built from and real memory figures.</summary>
public sealed class BuildVersionTests
{
    [Fact]
    public async Task Srvr_mntr_envi_and_the_startup_log_name_the_commit_this_build_came_from()
    {
        var head = (await ExternalProcess.RunAsync("git", ["rev-parse", "HEAD"], workingDirectory: RepositoryPaths.Root)).Out.Trim();
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet);

        var srvr = await server.FourLetterWordAsync("srvr");
        var mntr = await server.FourLetterWordAsync("mntr");
        var envi = await server.FourLetterWordAsync("envi");

        var version = Regex.Match(srvr, "^Zookeeper version: (.+)$", RegexOptions.Multiline).Groups[1].Value;
        Assert.Matches(@"^3\.9\.2-zknet-[0-9]+\.[0-9]+\.[0-9]+[^ ]*-[0-9a-f]{12}, built on [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC$", version);
        Assert.Contains("-" + head[..12] + ",", version, StringComparison.Ordinal);
        Assert.Contains($"zk_version\t{version}\n", mntr, StringComparison.Ordinal);
        Assert.Contains($"zookeeper.version={version}\n", envi, StringComparison.Ordinal);
        Assert.Contains($"ZkNet {version} serving clients on", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envi_reports_free_max_and_total_memory_as_the_process_has_them()
    {
        await using var server = await ServerProcess.StartAsync(ServerKind.ZkNet);

        var envi = await server.FourLetterWordAsync("envi");

        long Mb(string name) => long.Parse(Regex.Match(envi, $"^os\\.memory\\.{name}=([0-9]+)MB$", RegexOptions.Multiline).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var (free, max, total) = (Mb("free"), Mb("max"), Mb("total"));
        // A .NET server process commits a few MB at least; the old figure was a constant 1MB heap estimate.
        Assert.InRange(total, 2, max);
        Assert.InRange(free, 0, total);
    }
}
