using System.Globalization;
using ZkNet.Server.Throttling;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The connection throttle's system properties. ZooKeeper reads zookeeper.connection_throttle_*; its admin guide heads
/// them connectionMaxTokens, connectionTokenFillTime... and ZkNet takes both spellings.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private static readonly Dictionary<string, string> ThrottleAliases = new(StringComparer.Ordinal)
    {
        ["connectionMaxTokens"] = "connection_throttle_tokens",
        ["connectionTokenFillTime"] = "connection_throttle_fill_time",
        ["connectionTokenFillCount"] = "connection_throttle_fill_count",
        ["connectionFreezeTime"] = "connection_throttle_freeze_time",
        ["connectionDropIncrease"] = "connection_throttle_drop_increase",
        ["connectionDropDecrease"] = "connection_throttle_drop_decrease",
        ["connectionDecreaseRatio"] = "connection_throttle_decrease_ratio",
    };

    /// <summary>The property's connection_throttle_* name, or null when it is not one of the throttle's.</summary>
    private static string? ConnectionThrottleKey(string name)
    {
        var key = ThrottleAliases.GetValueOrDefault(name, name);
        return key.StartsWith("connection_throttle_", StringComparison.Ordinal) ? key : null;
    }

    private ConnectionThrottleSettings Throttle(string key, ConfigEntry entry)
    {
        var t = _config.ConnectionThrottle;
        return key switch
        {
            "connection_throttle_tokens" => t with { MaxTokens = Int(entry, JavaNumbers.TryDecodeInt, 0) },
            "connection_throttle_fill_time" => t with { FillTimeMs = Int(entry, JavaNumbers.TryDecodeInt, 1) },
            "connection_throttle_fill_count" => t with { FillCount = Int(entry, JavaNumbers.TryDecodeInt, 1) },
            "connection_throttle_freeze_time" => t with { FreezeTimeMs = Int(entry, JavaNumbers.TryDecodeInt, -1) },
            "connection_throttle_drop_increase" => t with { DropIncrease = Double(entry, 0.02) },
            "connection_throttle_drop_decrease" => t with { DropDecrease = Double(entry, 0.002) },
            "connection_throttle_decrease_ratio" => t with { DecreaseRatio = Double(entry, 0) },
            "connection_throttle_weight_enabled" => t with { WeightEnabled = TrueFalse(entry) },
            "connection_throttle_global_session_weight" => t with { GlobalSessionWeight = Weight(entry, 3) },
            "connection_throttle_renew_session_weight" => t with { RenewSessionWeight = Weight(entry, 2) },
            _ => throw new InvalidOperationException("unhandled connection throttle property " + key),
        };
    }

    private double Double(ConfigEntry entry, double fallback) =>
        double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : Fallback(entry, fallback);

    // ZooKeeper warns and uses the default for a weight of zero or less.
    private int Weight(ConfigEntry entry, int fallback)
    {
        var weight = Int(entry, JavaNumbers.TryDecodeInt, fallback);
        if (weight > 0)
        {
            return weight;
        }
        _warnings.Add($"line {entry.Line}: {entry.Key} {weight} is not above 0; using {fallback}, as ZooKeeper does");
        return fallback;
    }
}
