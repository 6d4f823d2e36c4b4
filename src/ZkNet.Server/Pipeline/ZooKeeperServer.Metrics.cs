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
                return _metrics ??= CreateMetrics();
            }
        }
    }

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

    private ServerMetrics CreateMetrics()
    {
        var m = new ServerMetrics();
        // mntr's first keys, in Apache ZooKeeper's order; each is a gauge there too.
        m.AddGauge("version", () => FourLetterWordNames.Version);
        m.AddGauge("server_state", () => ServerState);
        m.AddGauge("ephemerals_count", () => (long)Tree.EphemeralCount);
        m.AddGauge("num_alive_connections", () => (long)(Connections?.Snapshot().Count ?? 0));
        m.AddGauge("avg_latency", () => Stats.LatencyCount == 0 ? 0.0 : (double)Stats.TotalLatency / Stats.LatencyCount);
        m.AddGauge("outstanding_requests", () => Math.Max(0, Interlocked.Read(ref Stats.Outstanding)));
        m.AddGauge("znode_count", () => (long)ReportedNodeCount);
        m.AddGauge("global_sessions", () => (long)Sessions.Count);
        // No client TLS yet: every connection is non-mTLS, and ZooKeeper counts only those of a TLS-capable factory.
        m.AddGauge("non_mtls_remote_conn_count", () => 0L);
        // Reply sizes are not measured yet; -1 is what ZooKeeper reports before its first reply.
        m.AddGauge("last_client_response_size", () => -1L);
        m.AddGauge("packets_sent", () => Interlocked.Read(ref Stats.PacketsSent));
        m.AddGauge("packets_received", () => Interlocked.Read(ref Stats.PacketsReceived));
        m.AddGauge("max_client_response_size", () => -1L);
        m.AddGauge("connection_drop_probability", () => 0.0);
        m.AddGauge("watch_count", () => (long)(Tree.DataWatches.Count + Tree.ChildWatches.Count));
        m.AddGauge("auth_failed_count", () => Interlocked.Read(ref _authFailed));
        m.AddGauge("min_latency", () => Stats.LatencyCount == 0 ? 0L : Stats.MinLatency);
        m.AddGauge("max_file_descriptor_count", () => ProcessFigures.MaxFileDescriptors());
        m.AddGauge("approximate_data_size", () => Tree.ApproximateDataSize);
        m.AddGauge("open_file_descriptor_count", () => ProcessFigures.OpenFileDescriptors());
        m.AddGauge("local_sessions", () => 0L);
        m.AddGauge("uptime", () => (long)(_time.GetUtcNow() - StartedAt).TotalMilliseconds);
        m.AddGauge("max_latency", () => Stats.MaxLatency);
        m.AddGauge("outstanding_tls_handshake", () => 0L);
        m.AddGauge("min_client_response_size", () => -1L);
        m.AddGauge("non_mtls_local_conn_count", () => 0L);
        Faulted += _ => m.Counter("unrecoverable_error_count").Add();
        Tree.WriteObserved = (path, bytes) => NamespaceFigures.RecordWrite(m, path, bytes);
        return m;
    }

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
