namespace ZkNet.Server.Pipeline;

/// <summary>What a queued item asks the request processor to do.</summary>
public enum RequestKind
{
    /// <summary>The ConnectRequest that opens or resumes a session.</summary>
    Connect,
    /// <summary>An ordinary client request (RequestHeader + record).</summary>
    Client,
    /// <summary>The transport lost the connection.</summary>
    ConnectionClosed,
    /// <summary>A four-letter word.</summary>
    FourLetterWord,
    /// <summary>A clock tick: expire sessions, reap containers and TTL nodes.</summary>
    Tick,
    /// <summary>The snapshot thread finished (or gave up) its walk: the processor queues the snapshot's completion.</summary>
    SnapshotWalked,
    /// <summary>The commit policy released txns: the processor applies them.</summary>
    Committed,
    /// <summary>
    /// Work for the processor thread: the item's own <see cref="Request.Action"/> (admin and metrics reads), then
    /// whatever was posted (an ensemble member's protocol inputs).
    /// </summary>
    Run,
}
