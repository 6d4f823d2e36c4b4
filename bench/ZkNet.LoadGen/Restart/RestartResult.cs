namespace ZkNet.LoadGen.Restart;

/// <summary>One server's figures in the restart benchmark.</summary>
internal sealed record RestartResult
{
    public required string Label { get; init; }

    /// <summary>Znodes created by the fill (the run's own key and list nodes come on top).</summary>
    public long Znodes { get; init; }

    /// <summary>Seconds from a fresh process to its first session, with an empty dataDir.</summary>
    public double EmptyStartSeconds { get; init; }

    public double FillSeconds { get; init; }

    public double FillCreatesPerSecond { get; init; }

    /// <summary>srvr's node count before the kill and after the restart: equal when nothing was lost.</summary>
    public long NodeCountBefore { get; init; }

    public long NodeCountAfter { get; init; }

    /// <summary>Bytes of snapshots and logs in the dataDir at the kill.</summary>
    public long DataBytes { get; init; }

    public double RssFilledMiB { get; init; }

    /// <summary>Seconds from the restarted process's start to its first session: recovery included.</summary>
    public double RestartSeconds { get; init; }

    public double RssServingMiB { get; init; }

    /// <summary>Resident memory after the restarted server sat idle for the settle time.</summary>
    public double RssSettledMiB { get; init; }

    public double PeakRssMiB { get; init; }

    /// <summary>What the server logged about recovery (snapshot loaded, txns replayed, snapshot taken).</summary>
    public IReadOnlyList<string> RecoveryLog { get; init; } = [];

    public string? Failure { get; init; }
}
