using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Security;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;

namespace ZkNet.Hosting.Network;

/// <summary>
/// Runs the TLS handshake of an accepted client socket within the sessionless connection timeout, and names the
/// x509 identities its certificate earns. With port unification it first peeks at the first byte: a TLS
/// ClientHello starts with the handshake record type 0x16, while a ZooKeeper frame starts with a length's high byte
/// (0 for anything under 16 MB) and a four-letter word with a letter.
/// </summary>
internal sealed partial class TlsAcceptor(Func<TlsServerContext> currentContext, ConnectionLimits limits, ILogger logger)
{
    private const byte TlsHandshakeRecord = 0x16;

    /// <summary>Whether the accept succeeded, and the TLS stream (null: a plaintext client on a unified port).</summary>
    public readonly record struct Result(bool Accepted, SslStream? Tls, IReadOnlyList<Id> Identities);

    public async Task<Result> AcceptAsync(Socket socket, bool sniff, CancellationToken stopping)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (limits.SessionlessCnxnTimeoutMs > 0)
        {
            deadline.CancelAfter(TimeSpan.FromMilliseconds(limits.SessionlessCnxnTimeoutMs));
        }
        SslStream? ssl = null;
        try
        {
            if (sniff)
            {
                var first = new byte[1];
                var read = await socket.ReceiveAsync(first, SocketFlags.Peek, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return new Result(false, null, []);
                }
                if (first[0] != TlsHandshakeRecord)
                {
                    return new Result(true, null, []);
                }
            }
            // The context as it is now: client.certReload may have put new stores in place since the last connection.
            var context = currentContext();
            ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
            var accepted = new StrongBox<X509Certificate2?>();
            await ssl.AuthenticateAsServerAsync(context.OptionsFor(remote, accepted), deadline.Token).ConfigureAwait(false);
            IReadOnlyList<Id> identities = accepted.Value is { } certificate
                ? X509AuthenticationProvider.Identities(certificate, context.Settings.X509SuperUser) : [];
            return new Result(true, ssl, identities);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!stopping.IsCancellationRequested)
            {
                LogHandshakeFailed(remote, ex.Message);
            }
            ssl?.Dispose();
            return new Result(false, null, []);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS handshake with {Remote} failed, closing: {Reason}")]
    private partial void LogHandshakeFailed(IPEndPoint remote, string reason);
}
