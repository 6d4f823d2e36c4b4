namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The settings ZooKeeper reads as Java system properties. ZooKeeper reads each with Integer.getInteger,
/// Boolean.getBoolean, a string comparison or a parse wrapped in a fallback, so a malformed value never stops it:
/// it quietly uses the default. ZkNet does the same and adds a warning saying so.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    /// <summary>Four-letter words ZooKeeper 3.8 knows ("*" in the whitelist enables these).</summary>
    private static readonly HashSet<string> KnownFourLetterWords = new(StringComparer.Ordinal)
    {
        "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srst", "srvr", "stat", "wchc", "wchp",
        "wchs", "mntr", "isro", "hash",
    };

    private readonly Dictionary<string, ConfigEntry> _systemProperties = new(StringComparer.Ordinal);

    private void ApplySystemProperty(string name, ConfigEntry entry)
    {
        if (_systemProperties.TryGetValue(name, out var earlier))
        {
            _warnings.Add($"line {entry.Line}: {entry.Key} overrides {earlier.Key} from line {earlier.Line}");
        }
        _systemProperties[name] = entry;
        var value = entry.Value;
        _config = name switch
        {
            "4lw.commands.whitelist" => _config with { FourLetterWordWhitelist = Whitelist(entry) },
            "forceSync" => _config with { ForceSync = YesNo(entry, defaultYes: true) },
            "skipACL" => _config with { SkipAcl = YesNo(entry, defaultYes: false) },
            "snapCount" => _config with { SnapCount = SnapCount(entry) },
            "snapSizeLimitInKb" => _config with { SnapSizeLimitInKb = Long(entry, JavaNumbers.TryDecodeLong, 4_194_304) },
            "preAllocSize" => _config with { PreAllocSizeKb = Long(entry, JavaNumbers.TryParseLong, 65_536) },
            "txnLogSizeLimitInKb" => _config with { TxnLogSizeLimitInKb = Long(entry, JavaNumbers.TryDecodeLong, -1) },
            "maxCnxns" => _config with { MaxCnxns = Int(entry, JavaNumbers.TryDecodeInt, 0) },
            "globalOutstandingLimit" => _config with { GlobalOutstandingLimit = Int(entry, JavaNumbers.TryParseInt, 1000) },
            "nio.sessionlessCnxnTimeout" => _config with { SessionlessCnxnTimeout = Int(entry, JavaNumbers.TryDecodeInt, 10_000) },
            "jute.maxbuffer" => _config with { JuteMaxBuffer = MaxBuffer(entry) },
            "extendedTypesEnabled" => _config with { ExtendedTypesEnabled = TrueFalse(entry) },
            "enforceQuota" => _config with { EnforceQuota = TrueFalse(entry) },
            "digest.enabled" => _config with { DigestEnabled = TrueFalse(entry) },
            "readonlymode.enabled" => _config with { ReadOnlyModeEnabled = TrueFalse(entry) },
            "electionHandshakeHoldMs" => _config with { ElectionHandshakeHoldMs = Int(entry, JavaNumbers.TryDecodeInt, -1) is var hold and >= 0 ? hold : null },
            "largeRequestThreshold" => _config with { LargeRequestThreshold = Int(entry, JavaNumbers.TryDecodeInt, -1) },
            "largeRequestMaxBytes" => _config with { LargeRequestMaxBytes = Int(entry, JavaNumbers.TryDecodeInt, 100 * 1024 * 1024) },
            _ when ConnectionThrottleKey(name) is { } throttleKey => _config with { ConnectionThrottle = Throttle(throttleKey, entry) },
            _ when RequestThrottleKey(name) is { } requestKey => _config with { RequestThrottle = RequestThrottle(requestKey, entry) },
            "datadir.autocreate" => _config with { DataDirAutocreate = TrueFalse(entry) },
            "snapshot.trust.empty" => _config with { SnapshotTrustEmpty = TrueFalse(entry) },
            "snapshot.compression.method" => _config with { SnapshotCompressionMethod = value },
            "znode.container.checkIntervalMs" => _config with { ContainerCheckIntervalMs = Int(entry, JavaNumbers.TryDecodeInt, 60_000) },
            "znode.container.maxPerMinute" => _config with { ContainerMaxPerMinute = Int(entry, JavaNumbers.TryDecodeInt, 10_000) },
            "znode.container.maxNeverUsedIntervalMs" => _config with { ContainerMaxNeverUsedIntervalMs = Long(entry, JavaNumbers.TryDecodeLong, 0) },
            // A threshold beyond int milliseconds (24 days) means "never warn" either way.
            "fsync.warningthresholdms" => _config with { FsyncWarningThresholdMs = (int)Math.Clamp(Long(entry, JavaNumbers.TryDecodeLong, 1000), int.MinValue, int.MaxValue) },
            "DigestAuthenticationProvider.superDigest" => _config with { SuperDigest = value },
            _ => throw new InvalidOperationException("unhandled system property " + name),
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    private int Int(ConfigEntry entry, TryParse<int> parse, int fallback) =>
        parse(entry.Value, out var value) ? value : Fallback(entry, fallback);

    private long Long(ConfigEntry entry, TryParse<long> parse, long fallback) =>
        parse(entry.Value, out var value) ? value : Fallback(entry, fallback);

    private T Fallback<T>(ConfigEntry entry, T fallback)
    {
        _warnings.Add($"line {entry.Line}: {entry.Key} '{entry.Value}' is not a number; using the default {fallback}, as ZooKeeper does");
        return fallback;
    }

    private int SnapCount(ConfigEntry entry)
    {
        var count = Int(entry, JavaNumbers.TryParseInt, 100_000);
        if (count >= 2)
        {
            return count;
        }
        _warnings.Add($"line {entry.Line}: snapCount {count} is below 2; using 2, as ZooKeeper does");
        return 2;
    }

    private int MaxBuffer(ConfigEntry entry)
    {
        var size = Int(entry, JavaNumbers.TryDecodeInt, 0xfffff);
        if (size > 0)
        {
            return size;
        }
        _warnings.Add($"line {entry.Line}: jute.maxbuffer {size} would refuse every packet; using the default 1048575");
        return 0xfffff;
    }

    // forceSync is off only for exactly "no"; skipACL is on only for exactly "yes" (ZooKeeper compares case-sensitively).
    private bool YesNo(ConfigEntry entry, bool defaultYes)
    {
        if (entry.Value is not ("yes" or "no"))
        {
            _warnings.Add($"line {entry.Line}: {entry.Key} '{entry.Value}' is neither yes nor no; taken as {(defaultYes ? "yes" : "no")}, as ZooKeeper does");
        }
        return defaultYes ? entry.Value != "no" : entry.Value == "yes";
    }

    // Boolean.getBoolean / Boolean.parseBoolean: once the key is present, true only for "true" in any case (so even
    // digest.enabled, true by default, turns off for "yes").
    private bool TrueFalse(ConfigEntry entry)
    {
        var isTrue = entry.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (!isTrue && !entry.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            _warnings.Add($"line {entry.Line}: {entry.Key} '{entry.Value}' is neither true nor false; taken as false, as ZooKeeper does");
        }
        return isTrue;
    }

    private HashSet<string> Whitelist(ConfigEntry entry)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in entry.Value.Split(','))
        {
            var word = JavaProperties.JavaTrim(part);
            if (word == "*")
            {
                words.Add("*"); // ZooKeeper stops reading the list at "*": every word is on
                break;
            }
            if (word.Length > 0)
            {
                if (!KnownFourLetterWords.Contains(word))
                {
                    _warnings.Add($"line {entry.Line}: 4lw.commands.whitelist names '{word}', which is not a four-letter word");
                }
                words.Add(word);
            }
        }
        words.Add("srvr"); // always on in ZooKeeper: zkServer.sh status uses it
        return words;
    }
}
