namespace ZkNet.TestSupport;

/// <summary>The real Java clients from Debian packages: the ZooKeeper client and Curator, and how to run a small program on them.</summary>
public static class JavaClientLibraries
{
    /// <summary>The Debian jars: the ZooKeeper client, Curator, and slf4j-simple so that logging goes to stderr.</summary>
    public static readonly string ClassPath = string.Join(':',
        "/usr/share/java/zookeeper.jar", "/usr/share/java/zookeeper-jute.jar", "/usr/share/java/curator-client.jar",
        "/usr/share/java/curator-framework.jar", "/usr/share/java/curator-recipes.jar", "/usr/share/java/slf4j-simple.jar");

    /// <summary>
    /// JVM options for short client programs: C1 only and a small heap (start-up time is what matters), and client
    /// logging at error level only.
    /// </summary>
    public static readonly IReadOnlyList<string> JvmOptions =
        ["-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"];
}
