using Microsoft.Extensions.Logging;
using ZkNet.Server.Auth.Sasl;

namespace ZkNet.Quorum.Auth;

/// <summary>
/// The connecting side of quorum SASL, as ZooKeeper's SaslQuorumAuthLearner: run on an election connection right
/// after this member's initial message (QuorumCnxManager.startConnection, whichever sid is larger) and on the
/// connection to the leader before FOLLOWERINFO (Learner.connectToLeader). Only under learnerRequireSasl: otherwise
/// nothing is sent. The learner speaks first (an empty token: DIGEST-MD5 has no initial response), answers the
/// challenge, and checks the server's rspauth; an ERROR, an unknown status, a bad rspauth or a malformed answer
/// fails the connection.
/// </summary>
public static partial class SaslQuorumAuthLearner
{
    /// <summary>
    /// Authenticates this member to the server on <paramref name="stream"/> (<paramref name="server"/> names it in
    /// the log). False when it failed (logged; the caller closes the connection). True at once without
    /// <paramref name="sasl"/> or learnerRequireSasl.
    /// </summary>
    public static async Task<bool> AuthenticateAsync(QuorumSasl? sasl, Stream stream, string server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (sasl is not { LearnerRequireSasl: true })
        {
            return true;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(sasl.Timeout);
        try
        {
            await ExchangeAsync(sasl, stream, deadline.Token).ConfigureAwait(false);
            LogAuthenticated(sasl.Logger, server, sasl.LearnerUser!);
            return true;
        }
        catch (Exception ex) when (ex is SaslException or IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(sasl.Logger, server, ex is OperationCanceledException ? $"no answer within {sasl.Timeout.TotalSeconds:0.#} s" : ex.Message);
            }
            return false;
        }
    }

    private static async Task ExchangeAsync(QuorumSasl sasl, Stream stream, CancellationToken cancellationToken)
    {
        var client = new DigestMd5Client(sasl.LearnerUser ?? throw new SaslException("no QuorumLearner username"),
            sasl.LearnerPassword ?? throw new SaslException("no QuorumLearner password"), QuorumSasl.Protocol, QuorumSasl.ServerName);
        await new QuorumAuthPacket(QuorumAuthStatus.InProgress, []).WriteAsync(stream, cancellationToken).ConfigureAwait(false);
        var packet = await QuorumAuthPacket.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        for (var round = 1; !client.IsComplete; round++)
        {
            if (round > QuorumSasl.MaxRounds + 1)
            {
                throw new SaslException($"no result after {QuorumSasl.MaxRounds} rounds");
            }
            switch (packet.Status)
            {
                case QuorumAuthStatus.Success:
                    if (client.EvaluateChallenge(packet.Token ?? throw new SaslException("the server's last token is missing")) is not null)
                    {
                        throw new SaslException("protocol error: the server reported success before the exchange was over");
                    }
                    break;
                case QuorumAuthStatus.InProgress:
                    var response = client.EvaluateChallenge(packet.Token ?? throw new SaslException("the server's challenge is missing"))
                        ?? throw new SaslException("protocol error: the exchange ended while the server expects more");
                    await new QuorumAuthPacket(QuorumAuthStatus.InProgress, response).WriteAsync(stream, cancellationToken).ConfigureAwait(false);
                    packet = await QuorumAuthPacket.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                    break;
                case QuorumAuthStatus.Error:
                    throw new SaslException("the server refused our credentials (status ERROR)");
                default:
                    throw new SaslException($"the server answered with the unknown status {(int)packet.Status}");
            }
        }
        if (packet.Status != QuorumAuthStatus.Success)
        {
            throw new SaslException($"the exchange ended with status {packet.Status}, not SUCCESS");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quorum SASL: authenticated to {Server} as {User}")]
    private static partial void LogAuthenticated(ILogger logger, string server, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quorum SASL: authentication to {Server} failed, closing the connection: {Reason} (is our QuorumLearner username and password a user_NAME entry of its QuorumServer JAAS section, and does it run with quorum.auth.enableSasl=true?)")]
    private static partial void LogFailed(ILogger logger, string server, string reason);
}
