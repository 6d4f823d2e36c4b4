using System.Diagnostics;
using System.Text;

namespace ZkNet.Hosting.Tests.Support;

/// <summary>
/// Apache ZooKeeper's own QuorumPeerConfig (from the Debian zookeeper package) run over zoo.cfg texts, through
/// Oracle/ZooCfgOracle.java: what ZooKeeper 3.8 itself makes of each file. One JVM parses every file.
/// </summary>
internal static class ZooKeeperConfigOracle
{
    private const string ClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/zookeeper-jute.jar";
    private static readonly SemaphoreSlim CompileLock = new(1, 1);
    private static string? _classes;

    /// <summary>Parses each (name, text) with ZooKeeper, with <paramref name="workingDirectory"/> as the JVM's working directory.</summary>
    public static async Task<Dictionary<string, OracleResult>> ParseAsync(IReadOnlyList<(string Name, string Text)> files, string workingDirectory)
    {
        var classes = await CompileAsync().ConfigureAwait(false);
        var start = new ProcessStartInfo("java")
        {
            ArgumentList = { "-Xmx128m", "-cp", $"{classes}:{ClassPath}:/usr/share/java/slf4j-nop.jar", "ZooCfgOracle" },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, text) in files)
        {
            // Latin-1, the encoding java.util.Properties.load assumes; the texts are ASCII (non-ASCII goes in \u escapes).
            await File.WriteAllTextAsync(Path.Combine(workingDirectory, name + ".cfg"), text, Encoding.Latin1).ConfigureAwait(false);
            start.ArgumentList.Add(name + ".cfg");
        }
        var (code, output, error) = await RunAsync(start, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        Assert.True(code == 0, $"oracle exited with {code}: {error}");
        return Read(output);
    }

    private static Dictionary<string, OracleResult> Read(string output)
    {
        var results = new Dictionary<string, OracleResult>(StringComparer.Ordinal);
        string? current = null;
        Dictionary<string, string> values = new(StringComparer.Ordinal);
        string? error = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("FILE ", StringComparison.Ordinal))
            {
                current = Path.GetFileNameWithoutExtension(line[5..]);
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                error = null;
            }
            else if (line.StartsWith("ERROR ", StringComparison.Ordinal))
            {
                error = line[6..];
            }
            else if (line == "END" && current is not null)
            {
                results[current] = new OracleResult(error, values);
                current = null;
            }
            else if (current is not null && line.IndexOf('\t', StringComparison.Ordinal) is var tab and > 0)
            {
                values[line[..tab]] = line[(tab + 1)..];
            }
        }
        return results;
    }

    private static async Task<string> CompileAsync()
    {
        await CompileLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_classes is not null)
            {
                return _classes;
            }
            var classes = Path.Combine(Path.GetTempPath(), "zknet-oracle-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(classes);
            var source = Path.Combine(AppContext.BaseDirectory, "Oracle", "ZooCfgOracle.java");
            var (code, _, error) = await RunAsync(new ProcessStartInfo("javac")
            {
                ArgumentList = { "-d", classes, "-cp", ClassPath, source },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            Assert.True(code == 0, "javac failed (the differential tests need openjdk-17-jdk-headless and zookeeper): " + error);
            return _classes = classes;
        }
        finally
        {
            CompileLock.Release();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName);
        using var cts = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} did not finish within {timeout}");
        }
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
