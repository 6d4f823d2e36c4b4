namespace ZkNet.Hosting.Configuration;

/// <summary>One key and value of a properties file after escapes and continuations, trimmed as ZooKeeper trims them.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
/// <param name="Line">The 1-based line where the (logical) line holding it starts.</param>
public readonly record struct ConfigEntry(string Key, string Value, int Line);
