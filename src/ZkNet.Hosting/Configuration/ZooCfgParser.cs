using System.Text;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Reads a ZooKeeper zoo.cfg into a <see cref="ServerConfig"/> as Apache ZooKeeper 3.8's QuorumPeerConfig reads it:
/// java.properties syntax, keys and values trimmed, the last definition of a key winning; values of keys ZooKeeper
/// parses itself refused when ZooKeeper refuses them; settings ZooKeeper takes as Java system properties accepted
/// with or without the zookeeper. prefix and read with the same leniency ZooKeeper reads them (a malformed value
/// falls back to the default, with a warning); keys ZooKeeper knows but ZkNet does not act on listed in
/// <see cref="ServerConfig.IgnoredKeys"/>, and anything else in <see cref="ServerConfig.UnknownKeys"/>.
/// </summary>
public static class ZooCfgParser
{
    /// <summary>
    /// Reads the file at <paramref name="path"/> (UTF-8). Relative paths in it resolve against the process's
    /// working directory, as ZooKeeper resolves them, not against the file's folder.
    /// </summary>
    /// <exception cref="ConfigException">The file cannot be read, or ZooKeeper would refuse it.</exception>
    public static ServerConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(null, null, $"cannot read {path}: {e.Message}", e);
        }
        return Parse(text, Environment.CurrentDirectory);
    }

    /// <summary>Parses zoo.cfg <paramref name="text"/>; relative dataDir and dataLogDir resolve against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="ConfigException">ZooKeeper would refuse the file (or ZkNet cannot run with it).</exception>
    public static ServerConfig Parse(string text, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var builder = new ZooCfgBuilder(baseDirectory);
        foreach (var entry in JavaProperties.Read(text))
        {
            builder.Apply(entry);
        }
        return builder.Build();
    }
}
