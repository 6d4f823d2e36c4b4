namespace ZkNet.Server.Throttling;

/// <summary>
/// ZooKeeper's connection throttle settings (the zookeeper.connection_throttle_* system properties; the admin guide
/// also names them connectionMaxTokens, connectionTokenFillTime, ...). Defaults are ZooKeeper's: MaxTokens 0 turns
/// the throttle off, FreezeTimeMs -1 turns its random dropping off.
/// </summary>
public sealed record ConnectionThrottleSettings
{
    /// <summary>connection_throttle_tokens: the bucket's size (0, the default: no throttling).</summary>
    public int MaxTokens { get; init; }

    /// <summary>connection_throttle_fill_time: every this many ms the bucket gains <see cref="FillCount"/> tokens (default 1).</summary>
    public int FillTimeMs { get; init; } = 1;

    /// <summary>connection_throttle_fill_count: tokens added per fill time (default 1).</summary>
    public int FillCount { get; init; } = 1;

    /// <summary>connection_throttle_freeze_time: how often the drop probability adapts, in ms (-1, the default: never drop at random).</summary>
    public int FreezeTimeMs { get; init; } = -1;

    /// <summary>connection_throttle_drop_increase: added to the drop probability when the bucket ran dry (default 0.02).</summary>
    public double DropIncrease { get; init; } = 0.02;

    /// <summary>connection_throttle_drop_decrease: taken off it when the deficit is small (default 0.002).</summary>
    public double DropDecrease { get; init; } = 0.002;

    /// <summary>connection_throttle_decrease_ratio: the deficit, as a share of the bucket, below which the probability falls (default 0).</summary>
    public double DecreaseRatio { get; init; }

    /// <summary>connection_throttle_weight_enabled: new sessions and renewals cost different numbers of tokens (default false: one each).</summary>
    public bool WeightEnabled { get; init; }

    /// <summary>connection_throttle_global_session_weight: tokens a new (global) session costs when weighted (default 3).</summary>
    public int GlobalSessionWeight { get; init; } = DefaultGlobalSessionWeight;

    /// <summary>connection_throttle_renew_session_weight: tokens a returning session costs when weighted (default 2).</summary>
    public int RenewSessionWeight { get; init; } = DefaultRenewSessionWeight;

    /// <summary>
    /// connection_throttle_local_session_weight: tokens a new session costs when weighted and it starts local
    /// (localSessionsEnabled on an ensemble member; default 1).
    /// </summary>
    public int LocalSessionWeight { get; init; } = DefaultLocalSessionWeight;

    /// <summary>BlueThrottle's default weights, which also replace a configured weight not above 0.</summary>
    public const int DefaultGlobalSessionWeight = 3, DefaultRenewSessionWeight = 2, DefaultLocalSessionWeight = 1;
}
