using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Turns a member-to-member socket into the stream its messages travel on: plain TCP, or TLS under
/// <see cref="QuorumTls"/>. A listener tells TLS from plain by the first byte, as ZooKeeper's UnifiedServerSocket
/// does: a TLS ClientHello opens with the handshake record type 0x16, while an election handshake opens with 0xFF
/// (protocol version -65536) or 0x00 (an old-style sid) and a learner's first packet with 0x00 (its type).
/// </summary>
public static partial class QuorumSockets
{
    private const byte TlsHandshakeRecord = 0x16;
    private const byte TlsMajorVersion = 3;

    /// <summary>Whether <paramref name="first"/>, a connection's first bytes, open a TLS handshake record.</summary>
    public static bool LooksLikeTls(ReadOnlySpan<byte> first) =>
        first.Length > 0 && first[0] == TlsHandshakeRecord && (first.Length == 1 || first[1] == TlsMajorVersion);

    /// <summary>
    /// The stream of a connection accepted on <paramref name="listener"/> (the "election" or "quorum" port), or null
    /// when it is refused or its handshake fails: the socket is closed and the reason logged. Without TLS settings
    /// the socket's own stream comes back at once, nothing read.
    /// </summary>
    public static async Task<Stream?> AcceptAsync(Socket socket, QuorumTls? tls, string listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (tls is not { Listens: true })
        {
            return new NetworkStream(socket, ownsSocket: true);
        }
        var remote = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(tls.HandshakeTimeout);
        SslStream? ssl = null;
        try
        {
            // The connecting member always speaks first (its handshake or FOLLOWERINFO, or a ClientHello).
            var first = new byte[2];
            var read = await socket.ReceiveAsync(first, SocketFlags.Peek, deadline.Token).ConfigureAwait(false);
            if (read > 0 && LooksLikeTls(first.AsSpan(0, read)))
            {
                ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsServerAsync(tls.ServerOptions(remote), deadline.Token).ConfigureAwait(false);
                return ssl;
            }
            if (read > 0 && tls.PortUnification)
            {
                return new NetworkStream(socket, ownsSocket: true);
            }
            if (read > 0)
            {
                LogPlainRefused(tls.Logger, listener, remote);
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                LogAcceptHandshakeFailed(tls.Logger, listener, remote, ex.Message);
            }
        }
        if (ssl is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
        }
        socket.Dispose();
        return null;
    }

    /// <summary>
    /// The stream of a connection this member opened (<paramref name="socket"/> is connected): TLS under sslQuorum,
    /// else the socket's own stream. The stream owns the socket.
    /// </summary>
    /// <exception cref="AuthenticationException">The peer's certificate was refused, or ours.</exception>
    /// <exception cref="IOException">The peer hung up during the handshake (a plain-only member does).</exception>
    /// <exception cref="OperationCanceledException">The handshake took longer than the TLS detection timeout, or was cancelled.</exception>
    public static async Task<Stream> OpenAsync(Socket socket, QuorumTls? tls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var plain = new NetworkStream(socket, ownsSocket: true);
        if (tls is not { SslQuorum: true })
        {
            return plain;
        }
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        // A peer that takes the ClientHello for something else may wait for more and never answer: bounded.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(tls.HandshakeTimeout);
        try
        {
            var remote = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
            await ssl.AuthenticateAsClientAsync(tls.ClientOptions(remote), deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a plaintext connection on the {Listener} port from {Remote}: sslQuorum=true and portUnification=false here, so members must connect with TLS (does that member run without sslQuorum? roll with portUnification=true on every member first)")]
    private static partial void LogPlainRefused(ILogger logger, string listener, IPEndPoint remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS handshake on the {Listener} port with {Remote} failed, closing: {Reason}")]
    private static partial void LogAcceptHandshakeFailed(ILogger logger, string listener, IPEndPoint remote, string reason);
}
