using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// A txn proposed but not yet applied: it waits for its commit (standalone: the fsync of the log that holds it),
/// then the commit applier applies it and answers <see cref="Request"/> on <see cref="Origin"/>.
/// </summary>
internal sealed class Proposal(TxnHeader header, IJuteRecord body, Request? request, ServerCnxn? origin)
{
    public TxnHeader Header { get; } = header;

    public IJuteRecord Body { get; } = body;

    /// <summary>The client request it answers, or null for the server's own txns (expiry, container reaping).</summary>
    public Request? Request { get; } = request;

    /// <summary>The connection the request came from, or null.</summary>
    public ServerCnxn? Origin { get; } = origin;

    public long Zxid => Header.Zxid;

    /// <summary>The tree digest after this txn, as logged with it (null when none is).</summary>
    public long? Digest { get; set; }
}
