namespace ZkNet.Server.Throttling;

/// <summary>
/// Admits new connections' handshakes at a bounded rate, as ZooKeeper's BlueThrottle does: a token bucket that lets
/// bursts through up to its size and refills at a steady rate, optionally with BLUE's random early dropping, whose
/// probability rises while the bucket stays empty and falls as it recovers, so that clients arriving late in each
/// refill period are not the ones always refused. Used on the request processor's thread only.
/// </summary>
public sealed class ConnectionThrottle
{
    private readonly ConnectionThrottleSettings _settings;
    private readonly Random _random;
    private readonly int _maxTokens;
    private readonly int _fillCount;
    private readonly int _globalWeight;
    private readonly int _renewWeight;
    private readonly int _localWeight;
    private int _tokens;
    private long _lastFill;
    private long _lastFreeze;
    private double _drop;

    /// <summary>A throttle whose clock starts at <paramref name="nowMs"/> (monotonic milliseconds).</summary>
    public ConnectionThrottle(ConnectionThrottleSettings settings, long nowMs, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _random = random ?? new Random();
        // Weights as BlueThrottle settles them: one not above 0 falls back to its default, and a global or renew
        // weight below the local one is raised to it (a local session is the cheapest handshake).
        _localWeight = settings.LocalSessionWeight > 0 ? settings.LocalSessionWeight : ConnectionThrottleSettings.DefaultLocalSessionWeight;
        _globalWeight = settings.GlobalSessionWeight > 0 ? Math.Max(settings.GlobalSessionWeight, _localWeight) : ConnectionThrottleSettings.DefaultGlobalSessionWeight;
        _renewWeight = settings.RenewSessionWeight > 0 ? Math.Max(settings.RenewSessionWeight, _localWeight) : ConnectionThrottleSettings.DefaultRenewSessionWeight;
        // The configured tokens are counted in new global sessions: weighted, each costs the global weight of them.
        var scale = settings.WeightEnabled ? _globalWeight : 1;
        _maxTokens = Math.Max(0, settings.MaxTokens) * scale;
        _fillCount = settings.FillCount * scale;
        _tokens = _maxTokens;
        _lastFill = nowMs;
        _lastFreeze = nowMs;
    }

    /// <summary>Whether the throttle is on at all.</summary>
    public bool Enabled => _maxTokens > 0;

    /// <summary>Tokens taken and not yet refilled (ZooKeeper's connection_token_deficit).</summary>
    public int Deficit => _maxTokens - _tokens;

    /// <summary>
    /// Tokens a handshake costs when weighted: a new session the global weight, or the local one when it starts
    /// local (<paramref name="local"/>: local sessions are on), a returning session the renew weight; else one.
    /// </summary>
    public int Cost(bool newSession, bool local = false) =>
        !_settings.WeightEnabled ? 1 : !newSession ? _renewWeight : local ? _localWeight : _globalWeight;

    /// <summary>Takes <paramref name="tokens"/> for a handshake at <paramref name="nowMs"/>; false refuses it.</summary>
    public bool TryTake(int tokens, long nowMs)
    {
        if (!Enabled)
        {
            return true;
        }
        var elapsed = nowMs - _lastFill;
        if (elapsed > _settings.FillTimeMs && _settings.FillTimeMs > 0)
        {
            var refill = elapsed * _fillCount / _settings.FillTimeMs;
            _tokens = (int)Math.Min(_tokens + refill, _maxTokens);
            _lastFill = nowMs;
        }
        if (_settings.FreezeTimeMs != -1 && DropsAtRandom(nowMs))
        {
            return false;
        }
        if (_tokens < tokens)
        {
            return false;
        }
        _tokens -= tokens;
        return true;
    }

    /// <summary>BLUE: adapts the drop probability at most once per freeze time, then draws against it.</summary>
    private bool DropsAtRandom(long nowMs)
    {
        if (nowMs - _lastFreeze > _settings.FreezeTimeMs)
        {
            if (_tokens == 0 && _drop < 1)
            {
                _drop = Math.Min(_drop + _settings.DropIncrease, 1);
            }
            else if (Deficit <= Math.Round(_maxTokens * _settings.DecreaseRatio) && _drop > 0)
            {
                _drop = Math.Max(_drop - _settings.DropDecrease, 0);
            }
            _lastFreeze = nowMs;
        }
        return _random.NextDouble() < _drop;
    }
}
