using System.Net;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// TLS between ensemble members, as ZooKeeper's sslQuorum and portUnification ask for it, for election connections
/// and leader/learner connections alike (<see cref="QuorumSockets"/> applies it). The host builds it from the
/// ssl.quorum.* stores and settings; without it every connection is plain TCP, exactly as before.
/// </summary>
public sealed class QuorumTls
{
    /// <summary>sslQuorum: connections this member opens are TLS, and its listeners refuse plain ones (unless <see cref="PortUnification"/>).</summary>
    public bool SslQuorum { get; init; }

    /// <summary>portUnification: the listeners take TLS and plain connections both, told apart by their first bytes.</summary>
    public bool PortUnification { get; init; }

    /// <summary>
    /// ssl.quorum.handshakeDetectionTimeoutMillis: how long a listener waits for a connection's first bytes and its
    /// handshake (ZooKeeper's default 5 s).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The server side of a connection accepted from the given peer: our certificate, the peer's checked.</summary>
    public required Func<IPEndPoint, SslServerAuthenticationOptions> ServerOptions { get; init; }

    /// <summary>The client side of a connection opened to the given peer: our certificate, the peer's checked.</summary>
    public required Func<IPEndPoint, SslClientAuthenticationOptions> ClientOptions { get; init; }

    /// <summary>Where refused connections and failed handshakes are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Whether a listener looks at a connection's first bytes at all (else it is plain TCP, as without TLS).</summary>
    internal bool Listens => SslQuorum || PortUnification;
}
