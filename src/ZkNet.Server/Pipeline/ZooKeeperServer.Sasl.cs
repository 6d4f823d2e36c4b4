using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth.Sasl;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// SASL on client connections (DIGEST-MD5 only; Kerberos is not supported) and the enforcement of
/// enforce.auth.schemes / sessionRequireClientSASLAuth, both on the processor thread in request order, as ZooKeeper
/// handles them ahead of its pipeline.
/// </summary>
public sealed partial class ZooKeeperServer
{
    private readonly ConditionalWeakTable<ServerCnxn, DigestMd5Server> _saslExchanges = [];

    private void ProcessSasl(Request request, ServerCnxn cnxn)
    {
        if (Options.SaslUsers is not { } users)
        {
            // No SASL is configured: answer with an empty token, as a ZooKeeper server without a SASL login does.
            cnxn.StageReply(request.Xid, 0, ErrorCode.Ok, new SetSaslResponse(null));
            return;
        }
        var exchange = _saslExchanges.GetValue(cnxn, _ => new DigestMd5Server(users));
        try
        {
            var token = exchange.EvaluateResponse(((GetSaslRequest)request.Record!).Token ?? []);
            if (exchange.IsComplete)
            {
                var id = new Id("sasl", exchange.AuthorizationId!);
                if (!cnxn.AuthInfo.Contains(id))
                {
                    cnxn.AuthInfo.Add(id);
                }
                LogSaslAuthenticated(cnxn.Remote.ToString(), exchange.AuthorizationId!);
            }
            cnxn.StageReply(request.Xid, 0, ErrorCode.Ok, new SetSaslResponse(token));
        }
        catch (SaslException ex)
        {
            // ZooKeeper answers a failed exchange with AuthFailed (SessionClosedRequireSasl when SASL is required) and closes.
            LogSaslFailed(cnxn.Remote.ToString(), ex.Message);
            var code = RequiresScheme("sasl") ? ErrorCode.SessionClosedRequireSasl : ErrorCode.AuthFailed;
            cnxn.StageReply(request.Xid, 0, code, new SetSaslResponse(null));
            cnxn.StageClose();
        }
    }

    /// <summary>
    /// False (after refusing and closing) when authentication is enforced and the connection holds no identity of an
    /// enforced scheme; auth and sasl packets pass, since they are how a client authenticates.
    /// </summary>
    private bool EnforceAuthentication(Request request, ServerCnxn cnxn)
    {
        if (Options.EnforcedAuthSchemes is not { Count: > 0 } schemes || request.Op is OpCode.Auth or OpCode.Sasl ||
            cnxn.AuthInfo.Exists(id => schemes.Contains(id.Scheme)))
        {
            return true;
        }
        LogAuthenticationRequired(cnxn.Remote.ToString(), string.Join(",", schemes));
        cnxn.StageReply(request.Xid, 0, ErrorCode.SessionClosedRequireSasl, null);
        cnxn.StageClose();
        return false;
    }

    private bool RequiresScheme(string scheme) => Options.EnforcedAuthSchemes?.Contains(scheme) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Remote} authenticated by SASL DIGEST-MD5 as {User}")]
    private partial void LogSaslAuthenticated(string remote, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Remote} failed to SASL authenticate, closing: {Reason}")]
    private partial void LogSaslFailed(string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing {Remote}: it has no identity of the required scheme(s) {Schemes}")]
    private partial void LogAuthenticationRequired(string remote, string schemes);
}
