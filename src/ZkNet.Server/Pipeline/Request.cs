using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>One item for the request processor: a decoded client request or a server event.</summary>
public sealed class Request
{
    /// <summary>What to do.</summary>
    public RequestKind Kind { get; init; }

    /// <summary>The connection it came from (null for ticks).</summary>
    public ServerCnxn? Cnxn { get; init; }

    /// <summary>The client's xid.</summary>
    public int Xid { get; init; }

    /// <summary>The operation.</summary>
    public OpCode Op { get; init; }

    /// <summary>The decoded request record, or null when the op has none; <see cref="DecodeError"/> when it did not decode.</summary>
    public object? Record { get; init; }

    /// <summary>Why the record failed to decode (answered with MarshallingError), or null.</summary>
    public string? DecodeError { get; init; }

    /// <summary>The four-letter word, for <see cref="RequestKind.FourLetterWord"/>.</summary>
    public string? Word { get; init; }

    /// <summary>When the request was read (Stopwatch ticks), for latency statistics.</summary>
    public long ReceivedTimestamp { get; init; }

    /// <summary>
    /// The session of a request a learner forwarded to this leader (a local request's session is its connection's).
    /// </summary>
    public long SessionId { get; init; }

    /// <summary>The auth ids a forwarded request carries (a local request's are its connection's).</summary>
    public IReadOnlyList<Id>? AuthInfo { get; init; }

    /// <summary>The learner connection a forwarded request came from (0 for a local request).</summary>
    public long Learner { get; init; }

    /// <summary>
    /// Learner: the answer its client gets whatever the leader's txn says (ZooKeeper's Request exception, set before
    /// forwarding): EphemeralOnLocalSession for an ephemeral create from a local session that may not be upgraded.
    /// </summary>
    public ErrorCode? LocalError { get; set; }

    /// <summary>
    /// The bytes this request holds of the large-request budget (<see cref="ZooKeeperServerOptions.LargeRequests"/>),
    /// given back once it has been processed; 0 for a request that is not large.
    /// </summary>
    public int LargeRequestLength { get; set; }

    /// <summary>
    /// The work of a <see cref="RequestKind.Run"/> item (an admin or metrics read; null for the wake-up that runs
    /// work posted with <see cref="ZooKeeperServer.Post"/>).
    /// </summary>
    public Action? Action { get; init; }
}
