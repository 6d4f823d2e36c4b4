using Microsoft.AspNetCore.Http;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.Server.DataTree;

namespace ZkNet.Admin.Http;

/// <summary>
/// ZooKeeper 3.9's check for the commands that can read or replace the whole tree (snapshot, restore): the
/// Authorization header names a scheme and, for digest, "user:password" ("digest alice:secret"; "ip" and "x509" take
/// the identity from the connection). The identities it yields must hold every permission bit of ALL on "/", each
/// bit checked on its own against the root's ACL, as Commands.handleAuthorization does.
/// </summary>
internal static class AdminAuth
{
    /// <summary>The outcome, with ZooKeeper's status and error text.</summary>
    public sealed record Refusal(int StatusCode, string Error);

    /// <summary>The identities the header proves, or a refusal (401) when it proves none.</summary>
    public static (IReadOnlyList<Id>? Ids, Refusal? Refused) Authenticate(HttpContext http, AdminContext context)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return (null, new Refusal(StatusCodes.Status401Unauthorized, "Auth info is missing for the command"));
        }
        // ZooKeeper splits on single spaces and takes a scheme alone or a scheme and its credentials.
        var parts = header.Split(' ');
        IReadOnlyList<Id>? ids = parts.Length is 1 or 2 ? Identities(parts[0], parts.Length == 2 ? parts[1] : null, http, context) : null;
        return ids is { Count: > 0 }
            ? (ids, null)
            : (null, new Refusal(StatusCodes.Status401Unauthorized, "Not authenticated"));
    }

    /// <summary>Null when <paramref name="ids"/> hold ALL on "/", else the 403 refusal. Runs on the processor thread.</summary>
    public static Refusal? Authorize(AdminContext context, IReadOnlyList<Id> ids)
    {
        var core = context.Core;
        var acl = core.Tree.GetAcl(core.Tree.GetNode(DataTree.RootPath)!);
        for (var bit = 1; bit <= Perms.All; bit <<= 1)
        {
            if ((Perms.All & bit) != 0 && !AclChecker.Check(acl, bit, ids, core.Options.SkipAcl))
            {
                return new Refusal(StatusCodes.Status403Forbidden, "Not authorized");
            }
        }
        return null;
    }

    private static List<Id>? Identities(string scheme, string? credentials, HttpContext http, AdminContext context)
    {
        switch (scheme)
        {
            case DigestAuthenticationProvider.Scheme when credentials is not null:
                var digest = DigestAuthenticationProvider.GenerateDigest(credentials);
                var ids = new List<Id>(2) { new(DigestAuthenticationProvider.Scheme, digest) };
                if (context.Core.Options.SuperDigest is { } super && digest == super)
                {
                    ids.Add(new Id("super", ""));
                }
                return ids;
            case IpAuthenticationProvider.Scheme when http.Connection.RemoteIpAddress is { } remote:
                var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
                return [new Id(IpAuthenticationProvider.Scheme, address.ToString())];
            case X509AuthenticationProvider.Scheme when http.Connection.ClientCertificate is { } certificate:
                return [.. X509AuthenticationProvider.Identities(certificate, context.X509SuperUser)];
            default:
                return null;
        }
    }
}
