using System.Security.Cryptography;
using System.Text;

namespace ZkNet.Server.Auth;

/// <summary>
/// The "digest" scheme: a client authenticates with "user:password" and is known as
/// "user:base64(sha1(user:password))", the form ACLs name it by.
/// </summary>
public static class DigestAuthenticationProvider
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "digest";

    /// <summary>
    /// Turns "user:password" into "user:base64(sha1(user:password))". Credentials without a colon are digested
    /// whole and the user is the whole string, as ZooKeeper's generateDigest does (it accepts them).
    /// </summary>
    public static string GenerateDigest(string idPassword)
    {
        var colon = idPassword.IndexOf(':', StringComparison.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(idPassword));
        return (colon < 0 ? idPassword : idPassword[..colon]) + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>
    /// An ACL id of this scheme must be "user:digest": ZooKeeper requires id.split(":") to give two parts, and Java's
    /// split drops trailing empty parts, so "a:" and ":" are invalid while "a:b:" is valid.
    /// </summary>
    public static bool IsValid(string id) => id.TrimEnd(':').Split(':').Length == 2;

    /// <summary>The user part of a digest id (what whoAmI reports).</summary>
    public static string UserName(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? id : id[..colon];
    }
}
