namespace ZkNet.Server.FourLetterWords;

/// <summary>The four-letter words ZooKeeper knows (a connection whose first four bytes are one of these gets a text answer).</summary>
public static class FourLetterWordNames
{
    /// <summary>Every known word.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "ruok", "srvr", "stat", "conf", "cons", "crst", "dump", "envi", "mntr", "srst", "wchs", "wchc", "wchp", "dirs", "isro",
        "gtmk", "stmk", "hash",
    };

    /// <summary>The version string reported by srvr, stat, envi and mntr.</summary>
    public static string Version => BuildInfo.ServerVersion;

    /// <summary>Whether <paramref name="word"/> is allowed by <paramref name="whitelist"/> ("*" allows all; ruok... only when listed).</summary>
    public static bool IsAllowed(string word, IReadOnlySet<string> whitelist) => whitelist.Contains("*") || whitelist.Contains(word);
}
