using System.IO.Compression;
using ZkNet.TestSupport;

namespace ZkNet.Testing.Tests;

/// <summary>
/// Packs the shipped projects into a temporary folder and builds and runs a new project that knows them only as
/// packages from that folder, as a user would.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    /// <summary>The projects that ship as packages, in dependency order.</summary>
    private static readonly string[] Packaged = ["ZkNet.Protocol", "ZkNet.Client", "ZkNet.Recipes", "ZkNet.Testing"];

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "zknet-package-test-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_new_project_restores_the_packages_from_a_local_folder_and_uses_them()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_scratch, "feed")).FullName;
        // A version no earlier run used, so nothing can come from a cache.
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var project in Packaged)
        {
            await RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj"),
                "-c", RepositoryPaths.Configuration, "-o", feed, "-p:PackageVersion=" + version, "-nologo", "-v", "q"], RepositoryPaths.Root);
        }
        foreach (var project in Packaged)
        {
            AssertPackageMetadata(Path.Combine(feed, $"{project}.{version}.nupkg"));
            Assert.True(File.Exists(Path.Combine(feed, $"{project}.{version}.snupkg")), project + " has no symbol package");
        }
        Assert.DoesNotContain(Directory.GetFiles(feed), f => Path.GetFileName(f).StartsWith("ZkNet.TestSupport", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("ZkNet.Hosting", StringComparison.Ordinal));

        var consumer = Directory.CreateDirectory(Path.Combine(_scratch, "consumer")).FullName;
        var templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(templates, "Consumer.csproj.txt"), Path.Combine(consumer, "Consumer.csproj"));
        File.Copy(Path.Combine(templates, "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));
        // Only two sources: the packed folder for ZkNet, and this machine's package cache, read as a plain folder,
        // for the third-party packages they depend on; restored into a private cache so nothing stale is reused.
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="zknet" value="{feed}" />
                <add key="cache" value="{Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? cache}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_scratch, "packages")}" />
              </config>
            </configuration>
            """);
        var run = await RunAsync("dotnet", ["run", "--project", consumer, "-p:ZkNetVersion=" + version, "-nologo"], consumer);
        Assert.Contains("read: from a package", run, StringComparison.Ordinal);
        Assert.Contains("lock held with fencing token ", run, StringComparison.Ordinal);
        Assert.Contains("consumer ok", run, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void AssertPackageMetadata(string nupkg)
    {
        Assert.True(File.Exists(nupkg), nupkg + " was not produced");
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.Contains(names, n => n.StartsWith("lib/net10.0/", StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal));
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspecEntry.Open());
        var nuspec = reader.ReadToEnd();
        Assert.Contains("<license type=\"expression\">Apache-2.0</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<authors>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<repository type=\"git\"", nuspec, StringComparison.Ordinal);
        Assert.Contains("<description>", nuspec, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string program, string[] args, string directory)
    {
        var (exitCode, output, error) = await ExternalProcess.RunAsync(program, args, StepTimeout, directory);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', args)} exited {exitCode}:\n{output}\n{error}");
        return output;
    }
}
