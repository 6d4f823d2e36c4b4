using System.Globalization;
using System.Text;
using ZkNet.Protocol;
using ZkNet.Server.FourLetterWords;
using ZkNet.Server.Metrics;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    private readonly Lock _metricsLock = new();
    private ServerMetrics? _metrics;
    private bool _ownsMetrics;
    private long _authFailed;

    /// <summary>
    /// The server's figures under ZooKeeper's names (mntr, the AdminServer and Prometheus read them). Created on first
    /// use; the gauges read processor-thread state, so read them through <see cref="InspectAsync{T}"/> from elsewhere.
    /// </summary>
    public ServerMetrics Metrics
    {
        get
        {
            lock (_metricsLock)
            {
                if (_metrics is null)
                {
                    _metrics = BindMetrics(new ServerMetrics());
                    _ownsMetrics = true;
                }
                return _metrics;
            }
        }
    }

    /// <summary>
    /// Publishes this server's figures through <paramref name="metrics"/>, which outlives it: an ensemble member keeps
    /// one set for its life, so its counters and summaries go on across roles as ZooKeeper's do. Call before anything
    /// reads <see cref="Metrics"/>; the caller disposes <paramref name="metrics"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server's figures were already created.</exception>
    public void UseMetrics(ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        lock (_metricsLock)
        {
            if (_metrics is not null)
            {
                throw new InvalidOperationException("the server's figures already exist");
            }
            _metrics = BindMetrics(metrics);
        }
    }

    /// <summary>An ensemble member's quorum, for its figures and the quorum commands; null when standalone.</summary>
    public IQuorumStatus? Quorum { get; set; }

    /// <summary>ZooKeeper's detailed peer state ("leading - broadcast"), or null when standalone.</summary>
    public string? PeerState => Quorum is { } quorum
        ? (Role switch { ServerRole.Leading => "leading", ServerRole.Following => "following", ServerRole.Observing => "observing", _ => "looking" })
            + " - " + quorum.ZabState
        : null;

    /// <summary>The role as ZooKeeper reports it in srvr, mntr and the AdminServer (<see cref="ModeName"/>).</summary>
    public string ServerState => ModeName;

    /// <summary>
    /// Runs <paramref name="read"/> on the processor thread, between requests, so that what it reads of the tree,
    /// sessions and watches is consistent (four-letter words are answered the same way).
    /// </summary>
    /// <exception cref="OperationCanceledException">The server stopped before running it.</exception>
    public async Task<T> InspectAsync<T>(Func<T> read, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopped = _stopping.Token.Register(() => done.TrySetCanceled());
        await SubmitAsync(new Request
        {
            Kind = RequestKind.Run,
            Action = () =>
            {
                try
                {
                    done.TrySetResult(read());
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            },
        }, cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The figures for the hot path: read without the lock once created (the reference is published under it), so a
    /// request pays no lock and no name lookup.
    /// </summary>
    private ServerMetrics HotMetrics => Volatile.Read(ref _metrics) ?? Metrics;

    /// <summary>Records a request's latency as ZooKeeper does: a request that made a txn is an update, the rest reads.</summary>
    private void RecordOpLatency(long latencyMs, bool update) => (update ? HotMetrics.UpdateLatency : HotMetrics.ReadLatency).Record(latencyMs);

    private void CountAuthFailed() => Interlocked.Increment(ref _authFailed);

    /// <summary>Charges a read to its namespace (read_per_namespace), where ZooKeeper's DataTree does.</summary>
    private void CountRead(string path, long bytes) => NamespaceFigures.RecordRead(HotMetrics, path, bytes);

    private ServerMetrics BindMetrics(ServerMetrics m)
    {
        // mntr's first keys, in Apache ZooKeeper's order; each is a gauge there too.
        m.BindGauge("version", () => FourLetterWordNames.Version);
        m.BindGauge("server_state", () => ServerState);
        BindQuorumGauges(m);
        m.BindGauge("ephemerals_count", () => (long)Tree.EphemeralCount);
        m.BindGauge("num_alive_connections", () => (long)(Connections?.Snapshot().Count ?? 0));
        m.BindGauge("avg_latency", () => Stats.LatencyCount == 0 ? 0.0 : (double)Stats.TotalLatency / Stats.LatencyCount);
        m.BindGauge("outstanding_requests", () => Math.Max(0, Interlocked.Read(ref Stats.Outstanding)));
        m.BindGauge("znode_count", () => (long)ReportedNodeCount);
        m.BindGauge("global_sessions", () => (long)Sessions.Count);
        // No client TLS yet: every connection is non-mTLS, and ZooKeeper counts only those of a TLS-capable factory.
        m.BindGauge("non_mtls_remote_conn_count", () => 0L);
        // Reply sizes are not measured yet; -1 is what ZooKeeper reports before its first reply.
        m.BindGauge("last_client_response_size", () => -1L);
        m.BindGauge("packets_sent", () => Interlocked.Read(ref Stats.PacketsSent));
        m.BindGauge("packets_received", () => Interlocked.Read(ref Stats.PacketsReceived));
        m.BindGauge("max_client_response_size", () => -1L);
        m.BindGauge("connection_drop_probability", () => 0.0);
        m.BindGauge("watch_count", () => (long)(Tree.DataWatches.Count + Tree.ChildWatches.Count));
        m.BindGauge("auth_failed_count", () => Interlocked.Read(ref _authFailed));
        m.BindGauge("min_latency", () => Stats.LatencyCount == 0 ? 0L : Stats.MinLatency);
        m.BindGauge("max_file_descriptor_count", () => ProcessFigures.MaxFileDescriptors());
        m.BindGauge("approximate_data_size", () => Tree.ApproximateDataSize);
        m.BindGauge("open_file_descriptor_count", () => ProcessFigures.OpenFileDescriptors());
        m.BindGauge("local_sessions", () => 0L);
        m.BindGauge("uptime", () => (long)(_time.GetUtcNow() - StartedAt).TotalMilliseconds);
        m.BindGauge("max_latency", () => Stats.MaxLatency);
        m.BindGauge("outstanding_tls_handshake", () => 0L);
        m.BindGauge("min_client_response_size", () => -1L);
        m.BindGauge("non_mtls_local_conn_count", () => 0L);
        Faulted += _ => m.Counter("unrecoverable_error_count").Add();
        Tree.WriteObserved = (path, bytes) => NamespaceFigures.RecordWrite(m, path, bytes);
        return m;
    }

    /// <summary>
    /// The quorum figures Apache ZooKeeper adds to mntr on an ensemble member: every member's peer_state and
    /// quorum_size, an observer's master, and the leader's learner and proposal figures. Each reads null (left out)
    /// where ZooKeeper does not print it.
    /// </summary>
    private void BindQuorumGauges(ServerMetrics m)
    {
        m.BindGauge("peer_state", () => PeerState);
        m.BindGauge("quorum_size", () => Quorum is { } q ? (long)q.QuorumSize : (long?)null);
        m.BindGauge("observer_master_id", () => Role == ServerRole.Observing && Quorum is { } q ? q.LeaderId : (long?)null);
        m.BindGauge("learners", () => LeaderFigures is { } l ? (long)l.Learners : (long?)null);
        m.BindGauge("synced_followers", () => LeaderFigures is { } l ? (long)l.SyncedFollowers : (long?)null);
        // ZkNet counts a participant outside the voting view as an observer, so this is always 0 on a leader.
        m.BindGauge("synced_non_voting_followers", () => LeaderFigures is not null ? 0L : (long?)null);
        m.BindGauge("synced_observers", () => LeaderFigures is { } l ? (long)l.SyncedObservers : (long?)null);
        m.BindGauge("pending_syncs", () => LeaderFigures is not null ? (long)_syncBarriers.Count : (long?)null);
        m.BindGauge("leader_uptime", () => LeaderFigures?.UptimeMs);
        m.BindGauge("last_proposal_size", () => LeaderFigures?.LastProposalSize);
        m.BindGauge("min_proposal_size", () => LeaderFigures?.MinProposalSize);
        m.BindGauge("max_proposal_size", () => LeaderFigures?.MaxProposalSize);
    }

    /// <summary>The leader's figures while this server leads its ensemble.</summary>
    private LeaderFigures? LeaderFigures => Role == ServerRole.Leading ? Quorum?.Leader : null;

    /// <summary>mntr: every figure, summaries spelled out as avg_/min_/max_/cnt_/sum_ (and p50_... when kept).</summary>
    private void AppendMonitoring(StringBuilder sb)
    {
        foreach (var (key, value) in MonitorLines(Metrics.Read()))
        {
            sb.Append("zk_").Append(key).Append('\t').Append(value).Append('\n');
        }
    }

    /// <summary>
    /// The figures as ZooKeeper's mntr and monitor command spell them: one key per gauge and counter, and a summary
    /// as avg_ (a double), min_, max_, cnt_, sum_ (and p50_, p95_, p99_, p999_).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object>> MonitorValues(IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var s in samples)
        {
            if (s.Kind is MetricKind.Gauge or MetricKind.Counter)
            {
                yield return new(s.Name, s.Value ?? 0L);
                continue;
            }
            var v = s.Summary;
            yield return new("avg_" + s.Name, v.Average);
            yield return new("min_" + s.Name, v.Min);
            yield return new("max_" + s.Name, v.Max);
            yield return new("cnt_" + s.Name, v.Count);
            yield return new("sum_" + s.Name, v.Sum);
            if (s.Kind == MetricKind.PercentileSummary)
            {
                yield return new("p50_" + s.Name, v.P50);
                yield return new("p95_" + s.Name, v.P95);
                yield return new("p99_" + s.Name, v.P99);
                yield return new("p999_" + s.Name, v.P999);
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> MonitorLines(IReadOnlyList<MetricSample> samples) =>
        MonitorValues(samples).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value switch
        {
            // Java prints a double with Double.toString: 0.0, 3.5, 3.3901.
            double d => d.ToString("0.0###", CultureInfo.InvariantCulture),
            _ => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "",
        }));
}
