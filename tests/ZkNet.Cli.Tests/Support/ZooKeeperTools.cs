using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Support;

/// <summary>Apache ZooKeeper 3.8's own file tools, run from the Debian package's jars: the oracle for our output.</summary>
public static class ZooKeeperTools
{
    private const string ClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-nop.jar";

    public static Task<(int ExitCode, string Out, string Error)> RunAsync(string mainClass, params string[] args) =>
        ExternalProcess.RunAsync("java", ["-Xmx256m", "-Duser.timezone=UTC", "-cp", ClassPath, mainClass, .. args]);

    /// <summary>org.apache.zookeeper.server.SnapshotFormatter FILE.</summary>
    public static async Task<string> SnapshotFormatterAsync(string file) =>
        Check(await RunAsync("org.apache.zookeeper.server.SnapshotFormatter", file));

    /// <summary>org.apache.zookeeper.server.persistence.TxnLogToolkit FILE.</summary>
    public static async Task<string> TxnLogToolkitAsync(string file) =>
        Check(await RunAsync("org.apache.zookeeper.server.persistence.TxnLogToolkit", file));

    /// <summary>SnapshotComparer with the file on both sides: its first block is the summary of that file.</summary>
    public static async Task<string> SnapshotComparerAsync(string file) =>
        Check(await RunAsync("org.apache.zookeeper.server.SnapshotComparer", "-l", file, "-r", file, "-b", "1", "-n", "1"));

    /// <summary>org.apache.zookeeper.server.PurgeTxnLog dataLogDir [snapDir] -n count (exit code returned).</summary>
    public static async Task<int> PurgeTxnLogAsync(string dataLogDir, string? snapDir, int count)
    {
        var args = new List<string> { dataLogDir };
        if (snapDir is not null)
        {
            args.Add(snapDir);
        }
        args.AddRange(["-n", count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return (await RunAsync("org.apache.zookeeper.server.PurgeTxnLog", [.. args])).ExitCode;
    }

    private static string Check((int ExitCode, string Out, string Error) run) =>
        run.ExitCode == 0 ? run.Out : throw new InvalidOperationException($"ZooKeeper tool failed ({run.ExitCode}):\n{run.Error}\n{run.Out}");
}
