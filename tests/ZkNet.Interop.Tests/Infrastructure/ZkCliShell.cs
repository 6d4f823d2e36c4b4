namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>One-shot commands of the Debian zkCli.sh (each starts a JVM, so tests use only a few).</summary>
public static class ZkCliShell
{
    /// <summary>The script of the Debian zookeeper package.</summary>
    public const string Script = "/usr/share/zookeeper/bin/zkCli.sh";

    /// <summary>Runs <c>zkCli.sh -server host:port command args...</c> with a bounded time.</summary>
    public static Task<ProcessOutcome> RunAsync(string connectString, params string[] command) =>
        ExternalProcess.RunAsync(Script, ["-server", connectString, .. command], TimeSpan.FromSeconds(60));
}
