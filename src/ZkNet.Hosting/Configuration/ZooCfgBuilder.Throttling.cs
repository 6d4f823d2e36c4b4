using System.Globalization;
using ZkNet.Server.Throttling;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The throttles' system properties. ZooKeeper reads zookeeper.connection_throttle_* (the connection throttle) and
/// zookeeper.request_throttle_*, request_stale_* and request_throttler.shutdownTimeout (the request throttler); its
/// admin guide heads them connectionMaxTokens, connectionTokenFillTime..., requestThrottleLimit,
/// requestThrottleStallTime... and ZkNet takes both spellings.
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

    private static readonly Dictionary<string, string> RequestThrottleAliases = new(StringComparer.Ordinal)
    {
        ["requestThrottleLimit"] = "request_throttle_max_requests",
        ["requestThrottleStallTime"] = "request_throttle_stall_time",
        ["requestThrottleDropStale"] = "request_throttle_drop_stale",
        ["requestStaleLatencyCheck"] = "request_stale_latency_check",
        ["requestStaleConnectionCheck"] = "request_stale_connection_check",
    };

    /// <summary>The property's connection_throttle_* name, or null when it is not one of the throttle's.</summary>
    private static string? ConnectionThrottleKey(string name)
    {
        var key = ThrottleAliases.GetValueOrDefault(name, name);
        return key.StartsWith("connection_throttle_", StringComparison.Ordinal) ? key : null;
    }

    /// <summary>The property's request throttler name (request_throttle_max_requests...), or null when it is not one of its.</summary>
    private static string? RequestThrottleKey(string name)
    {
        var key = RequestThrottleAliases.GetValueOrDefault(name, name);
        return key.StartsWith("request_throttle_", StringComparison.Ordinal) || key.StartsWith("request_stale_", StringComparison.Ordinal)
            || key == "request_throttler.shutdownTimeout" ? key : null;
    }

    // ZooKeeper reads the numbers with Integer.getInteger (decimal, hex or octal; the default when malformed) and the
    // switches with Boolean.parseBoolean of the property or its default.
    private RequestThrottleSettings RequestThrottle(string key, ConfigEntry entry)
    {
        var t = _config.RequestThrottle;
        return key switch
        {
            "request_throttle_max_requests" => t with { MaxRequests = Int(entry, JavaNumbers.TryDecodeInt, 0) },
            "request_throttle_stall_time" => t with { StallTimeMs = StallTime(entry) },
            "request_throttle_drop_stale" => t with { DropStale = TrueFalse(entry) },
            "request_stale_connection_check" => t with { StaleConnectionCheck = TrueFalse(entry) },
            "request_stale_latency_check" => t with { StaleLatencyCheck = TrueFalse(entry) },
            "request_throttler.shutdownTimeout" => t with { ShutdownTimeoutMs = Int(entry, JavaNumbers.TryDecodeInt, 10_000) },
            _ => throw new InvalidOperationException("unhandled request throttler property " + key),
        };
    }

    // A negative stall makes ZooKeeper's Object.wait throw and its throttler thread stop; ZkNet warns and waits the default.
    private int StallTime(ConfigEntry entry)
    {
        var stall = Int(entry, JavaNumbers.TryDecodeInt, 100);
        if (stall >= 0)
        {
            return stall;
        }
        _warnings.Add($"line {entry.Line}: {entry.Key} {stall} is negative; using 100");
        return 100;
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
            "connection_throttle_global_session_weight" => t with { GlobalSessionWeight = Weight(entry, ConnectionThrottleSettings.DefaultGlobalSessionWeight) },
            "connection_throttle_renew_session_weight" => t with { RenewSessionWeight = Weight(entry, ConnectionThrottleSettings.DefaultRenewSessionWeight) },
            "connection_throttle_local_session_weight" => t with { LocalSessionWeight = Weight(entry, ConnectionThrottleSettings.DefaultLocalSessionWeight) },
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
