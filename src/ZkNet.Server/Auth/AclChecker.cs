using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Auth;

/// <summary>ZooKeeper's ACL rules: the permission check on each operation and the validation of a new ACL.</summary>
public static class AclChecker
{
    /// <summary>
    /// Whether the identities <paramref name="authInfo"/> hold <paramref name="perm"/> on a node with
    /// <paramref name="acl"/>. "super" passes everything; an empty ACL allows everything (as ZooKeeper).
    /// </summary>
    public static bool Check(IReadOnlyList<Acl> acl, int perm, IReadOnlyList<Id> authInfo, bool skipAcl)
    {
        if (skipAcl || acl.Count == 0)
        {
            return true;
        }
        foreach (var id in authInfo)
        {
            if (id.Scheme == "super")
            {
                return true;
            }
        }
        foreach (var entry in acl)
        {
            if ((entry.Perms & perm) == 0)
            {
                continue;
            }
            var aclId = entry.Id;
            if (aclId.Scheme == "world" && aclId.Identity == "anyone")
            {
                return true;
            }
            foreach (var id in authInfo)
            {
                if (id.Scheme != aclId.Scheme)
                {
                    continue;
                }
                var matches = aclId.Scheme switch
                {
                    IpAuthenticationProvider.Scheme => IpAuthenticationProvider.Matches(id.Identity, aclId.Identity),
                    DigestAuthenticationProvider.Scheme => id.Identity == aclId.Identity,
                    X509AuthenticationProvider.Scheme => X509AuthenticationProvider.Matches(id.Identity, aclId.Identity),
                    // SASLAuthenticationProvider matches the authorization id exactly (Kerberos host/realm rules aside).
                    "sasl" => id.Identity == aclId.Identity,
                    _ => false,
                };
                if (matches)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Validates an ACL for create/setACL and expands "auth" to the caller's authenticated identities, as
    /// ZooKeeper's fixupACL does: duplicates are dropped; an empty list, an unknown scheme, a malformed id, or
    /// "auth" from a caller with no authenticated identity is InvalidACL (null is returned).
    /// </summary>
    public static List<Acl>? Fixup(IReadOnlyList<Acl>? acl, IReadOnlyList<Id> authInfo)
    {
        if (acl is null || acl.Count == 0)
        {
            return null;
        }
        var result = new List<Acl>(acl.Count);
        foreach (var entry in acl.Distinct())
        {
            var id = entry.Id;
            if (id.Scheme == "world" && id.Identity == "anyone")
            {
                result.Add(entry);
            }
            else if (id.Scheme == "auth")
            {
                var any = false;
                foreach (var authId in authInfo)
                {
                    // Only schemes that really authenticate count: ip identifies, it does not authenticate.
                    if (authId.Scheme is DigestAuthenticationProvider.Scheme or "sasl" or "x509")
                    {
                        any = true;
                        var expanded = new Acl(entry.Perms, authId);
                        if (!result.Contains(expanded))
                        {
                            result.Add(expanded);
                        }
                    }
                }
                if (!any)
                {
                    return null;
                }
            }
            else if (IsValidId(id))
            {
                result.Add(entry);
            }
            else
            {
                return null;
            }
        }
        return result;
    }

    private static bool IsValidId(Id id) => id.Scheme switch
    {
        DigestAuthenticationProvider.Scheme => DigestAuthenticationProvider.IsValid(id.Identity),
        IpAuthenticationProvider.Scheme => IpAuthenticationProvider.IsValid(id.Identity),
        // ZooKeeper's X509AuthenticationProvider accepts any id (it cannot tell a subject that never connects).
        X509AuthenticationProvider.Scheme => true,
        // SASLAuthenticationProvider accepts any name a Kerberos principal parser accepts; DIGEST-MD5 users are plain names.
        "sasl" => id.Identity.Length > 0,
        _ => false,
    };
}
