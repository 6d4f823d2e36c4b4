namespace ZkNet.Client.Internal;

/// <summary>
/// Hands out servers to try in turn (ZooKeeper's StaticHostProvider): the connect string's hosts, shuffled once so
/// that clients spread over the ensemble, in a ring. It also decides how long to pause before an attempt: nothing
/// for the first connection, then a jittered pause that starts small and doubles while attempts keep failing,
/// capped by the configured maximum, so a reconnect normally lands well within the session timeout.
/// </summary>
internal sealed class HostProvider
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private readonly IReadOnlyList<(string Host, int Port)> _hosts;
    private readonly Random _random;
    private readonly TimeSpan _maxPause;
    private readonly Lock _gate = new();
    private int _next;
    private int _failures;
    private (string Host, int Port)? _preferred;

    /// <summary>Creates the provider.</summary>
    public HostProvider(IReadOnlyList<(string Host, int Port)> hosts, bool shuffle, Random random, TimeSpan maxPause)
    {
        _random = random;
        _maxPause = maxPause;
        var list = hosts.ToList();
        if (shuffle)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
        _hosts = list;
    }

    /// <summary>Number of servers.</summary>
    public int Count => _hosts.Count;

    /// <summary>The servers in the order they are tried.</summary>
    public IReadOnlyList<(string Host, int Port)> Hosts => _hosts;

    /// <summary>The next server to try and the pause to take before trying it.</summary>
    public ((string Host, int Port) Server, TimeSpan Pause) Next(bool firstConnection)
    {
        lock (_gate)
        {
            if (_preferred is { } preferred)
            {
                _preferred = null;
                return (preferred, TimeSpan.Zero);
            }
            var server = _hosts[_next];
            _next = (_next + 1) % _hosts.Count;
            if (firstConnection && _failures == 0)
            {
                return (server, TimeSpan.Zero);
            }
            // Every server gets one quick try after a drop; after a full round without success the pause doubles.
            var round = Math.Min(_failures / _hosts.Count, 10);
            var cap = Math.Min(FirstPause.Ticks << round, _maxPause.Ticks);
            return (server, TimeSpan.FromTicks((long)(_random.NextDouble() * cap)));
        }
    }

    /// <summary>The next server to probe for read-write mode, in the same ring as connection attempts.</summary>
    public (string Host, int Port) NextProbe()
    {
        lock (_gate)
        {
            var server = _hosts[_next];
            _next = (_next + 1) % _hosts.Count;
            return server;
        }
    }

    /// <summary>Makes <paramref name="server"/> the next one tried, at once (a read-write server was found).</summary>
    public void Prefer((string Host, int Port) server)
    {
        lock (_gate)
        {
            _preferred = server;
        }
    }

    /// <summary>Records a failed attempt.</summary>
    public void OnFailure()
    {
        lock (_gate)
        {
            _failures++;
        }
    }

    /// <summary>Records a session established: pauses start small again.</summary>
    public void OnConnected()
    {
        lock (_gate)
        {
            _failures = 0;
        }
    }
}
