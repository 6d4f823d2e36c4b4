using System.Globalization;
using System.Reflection;

namespace ZkNet.Server;

/// <summary>
/// What this build is: ZkNet's version and the git commit it was built from (Source Link puts the commit in the
/// informational version), and the commit's time, which the build records (a deterministic build has no build time).
/// </summary>
public static class BuildInfo
{
    /// <summary>The ZooKeeper release whose wire protocol and behaviour ZkNet matches (clients parse the leading x.y.z).</summary>
    public const string ZooKeeperCompatibility = "3.9.2";

    private static readonly Assembly Self = typeof(BuildInfo).Assembly;

    /// <summary>ZkNet's own version, e.g. 0.1.0.</summary>
    public static string ZkNetVersion { get; } = InformationalVersion.Split('+')[0];

    /// <summary>The full git commit id this build comes from, or "unknown" when it was built outside git.</summary>
    public static string Commit { get; } = InformationalVersion.Contains('+', StringComparison.Ordinal)
        ? InformationalVersion[(InformationalVersion.IndexOf('+', StringComparison.Ordinal) + 1)..] : "unknown";

    /// <summary>The commit's time (UTC), or null when the build did not record it.</summary>
    public static DateTimeOffset? CommitTime { get; } =
        long.TryParse(Metadata("ZkNetCommitTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>
    /// The version as srvr, stat, envi and mntr report it, shaped like ZooKeeper's ("3.8.4-&lt;commit&gt;, built on
    /// &lt;date&gt; UTC") so tools that parse it keep working: the compatible ZooKeeper release, then zknet-version-commit.
    /// </summary>
    public static string ServerVersion { get; } =
        $"{ZooKeeperCompatibility}-zknet-{ZkNetVersion}-{Commit[..Math.Min(12, Commit.Length)]}, built on " +
        (CommitTime is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "unknown date") + " UTC";

    private static string InformationalVersion =>
        Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static string? Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
