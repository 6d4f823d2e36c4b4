namespace ZkNet.Hosting.Configuration;

/// <summary>
/// A zoo.cfg that Apache ZooKeeper would refuse (or that ZkNet cannot run with): says which key, on which line,
/// and why, so the operator can fix the file.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/> defined on <paramref name="line"/> (null when not tied to one line).</summary>
    public ConfigException(string? key, int? line, string message, Exception? innerException = null)
        : base(Describe(key, line, message), innerException)
    {
        Key = key;
        Line = line;
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public ConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The offending key, when there is one.</summary>
    public string? Key { get; }

    /// <summary>The 1-based line where the key's (last) definition starts, when there is one.</summary>
    public int? Line { get; }

    private static string Describe(string? key, int? line, string message) => (key, line) switch
    {
        (not null, not null) => $"zoo.cfg line {line}: {key}: {message}",
        (not null, null) => $"zoo.cfg: {key}: {message}",
        _ => $"zoo.cfg: {message}",
    };
}
