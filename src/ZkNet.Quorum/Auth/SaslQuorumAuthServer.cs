using Microsoft.Extensions.Logging;
using ZkNet.Server.Auth.Sasl;

namespace ZkNet.Quorum.Auth;

/// <summary>
/// The accepting side of quorum SASL, as ZooKeeper's SaslQuorumAuthServer: run on an election connection right after
/// the peer's initial message (QuorumCnxManager.handleConnection) and on a learner's connection before its first
/// packet (LearnerHandler's constructor). A connection whose first 8 bytes are not the auth magic is refused under
/// serverRequireSasl and otherwise let through with those bytes put back. An exchange that fails on credentials is
/// answered ERROR, then the connection is closed under serverRequireSasl and kept otherwise (ZooKeeper keeps it:
/// the learner, which only authenticates when it requires SASL, hangs up). A malformed, oversized or stalled exchange
/// closes the connection either way: its bytes cannot be resynchronised with the protocol that would follow.
/// </summary>
public static partial class SaslQuorumAuthServer
{
    /// <summary>
    /// Authenticates the peer on <paramref name="stream"/> (<paramref name="peer"/> names it in the log). Returns the
    /// stream the connection goes on with, or null when it is refused (the stream is disposed then). Without
    /// <paramref name="sasl"/> the stream comes back at once, nothing read.
    /// </summary>
    public static async Task<Stream?> AuthenticateAsync(QuorumSasl? sasl, Stream stream, string peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (sasl is null)
        {
            return stream;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(sasl.Timeout);
        var first = new byte[8];
        var read = await ReadUpToAsync(stream, first, deadline.Token).ConfigureAwait(false);
        if (!QuorumAuthPacket.StartsWithMagic(first.AsSpan(0, read)))
        {
            if (sasl.ServerRequireSasl)
            {
                LogNotAuthenticating(sasl.Logger, peer);
                await stream.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            return read == 0 ? stream : new ReplayStream(first.AsMemory(0, read), stream);
        }
        var answering = false;
        try
        {
            var packet = await QuorumAuthPacket.ReadAfterMagicAsync(stream, deadline.Token).ConfigureAwait(false);
            answering = true;
            var user = await ExchangeAsync(sasl, stream, packet, deadline.Token).ConfigureAwait(false);
            LogAuthenticated(sasl.Logger, peer, user);
            return stream;
        }
        catch (SaslException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await SendErrorAsync(stream, deadline.Token).ConfigureAwait(false);
            if (!sasl.ServerRequireSasl)
            {
                // ZooKeeper's rolling enablement: serverRequireSasl=false keeps a peer whose authentication failed.
                LogFailedKept(sasl.Logger, peer, ex.Message);
                return stream;
            }
            LogFailed(sasl.Logger, peer, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException
            && !cancellationToken.IsCancellationRequested)
        {
            if (answering)
            {
                await SendErrorAsync(stream, deadline.Token).ConfigureAwait(false);
            }
            LogBroken(sasl.Logger, peer, ex is OperationCanceledException ? $"no answer within {sasl.Timeout.TotalSeconds:0.#} s" : ex.Message);
        }
        catch (OperationCanceledException)
        {
            // The member is stopping.
        }
        await stream.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Runs DIGEST-MD5 from the learner's first token; returns the authenticated user.</summary>
    private static async Task<string> ExchangeAsync(QuorumSasl sasl, Stream stream, QuorumAuthPacket first, CancellationToken cancellationToken)
    {
        var server = new DigestMd5Server(sasl.ServerUsers, QuorumSasl.Protocol, QuorumSasl.ServerName);
        var token = first.Token ?? [];
        for (var round = 1; ; round++)
        {
            var challenge = server.EvaluateResponse(token);
            if (server.IsComplete)
            {
                var user = server.AuthorizationId!;
                Authorize(sasl, user);
                await new QuorumAuthPacket(QuorumAuthStatus.Success, challenge).WriteAsync(stream, cancellationToken).ConfigureAwait(false);
                return user;
            }
            if (round > QuorumSasl.MaxRounds)
            {
                throw new SaslException($"no result after {QuorumSasl.MaxRounds} rounds");
            }
            await new QuorumAuthPacket(QuorumAuthStatus.InProgress, challenge).WriteAsync(stream, cancellationToken).ConfigureAwait(false);
            // ZooKeeper reads the learner's status without looking at it; the magic is checked here.
            token = (await QuorumAuthPacket.ReadAsync(stream, cancellationToken).ConfigureAwait(false)).Token ?? [];
        }
    }

    /// <summary>
    /// ZooKeeper's authorization of an authenticated learner: a user named name/host@REALM must come from a host of
    /// the ensemble's server lines; any other name is authorized as itself.
    /// </summary>
    private static void Authorize(QuorumSasl sasl, string user)
    {
        var parts = user.Split('/', '@');
        if (parts.Length == 3 && !sasl.AuthorizedHosts.Contains(parts[1]))
        {
            throw new SaslException($"{user} authenticated, but {parts[1]} is not the host of any server line: not authorized to connect");
        }
    }

    private static async Task SendErrorAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            await new QuorumAuthPacket(QuorumAuthStatus.Error, []).WriteAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or stalled: the refusal is logged by the caller either way.
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full, the stream ends or the wait runs out; returns how much was read.</summary>
    private static async Task<int> ReadUpToAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A peer that hangs up or says nothing does not authenticate; what arrived is put back.
        }
        return filled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quorum SASL: {Peer} authenticated as {User}")]
    private static partial void LogAuthenticated(ILogger logger, string peer, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quorum SASL: closing the connection of {Peer}: it does not authenticate and quorum.auth.serverRequireSasl=true here (does it run with quorum.auth.enableSasl=true and quorum.auth.learnerRequireSasl=true?)")]
    private static partial void LogNotAuthenticating(ILogger logger, string peer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quorum SASL: {Peer} failed to authenticate, closing its connection: {Reason} (do its QuorumLearner username and password match a user_NAME entry of our QuorumServer JAAS section?)")]
    private static partial void LogFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quorum SASL: {Peer} failed to authenticate ({Reason}); keeping its connection as quorum.auth.serverRequireSasl=false here")]
    private static partial void LogFailedKept(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quorum SASL: closing the connection of {Peer}: its authentication exchange is malformed or stalled: {Reason}")]
    private static partial void LogBroken(ILogger logger, string peer, string reason);
}
