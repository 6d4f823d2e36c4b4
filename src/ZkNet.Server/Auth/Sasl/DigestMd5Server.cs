using System.Security.Cryptography;
using System.Text;

namespace ZkNet.Server.Auth.Sasl;

/// <summary>
/// The server side of SASL DIGEST-MD5 (RFC 2831, qop "auth") as ZooKeeper's clients speak it: the protocol is
/// "zookeeper" and the server name "zk-sasl-md5", which is also the realm. Two steps: any first token is answered
/// with a challenge; the client's response is checked against the user's password and answered with rspauth, after
/// which the exchange is complete and the authenticated user is <see cref="AuthorizationId"/>.
/// </summary>
public sealed class DigestMd5Server
{
    /// <summary>The server name ZooKeeper's clients use for DIGEST-MD5 (the host part of the principal zookeeper/zk-sasl-md5).</summary>
    public const string ServerName = "zk-sasl-md5";

    private const string DigestUri = "zookeeper/" + ServerName;
    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly string _nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    private int _step;

    /// <summary>Creates an exchange checking against <paramref name="users"/> (user name to password).</summary>
    public DigestMd5Server(IReadOnlyDictionary<string, string> users) => _users = users;

    /// <summary>Whether the client has been authenticated.</summary>
    public bool IsComplete => _step == 2;

    /// <summary>The authenticated user (set once complete).</summary>
    public string? AuthorizationId { get; private set; }

    /// <summary>Answers the client's token.</summary>
    /// <exception cref="SaslException">The response is malformed or its digest is wrong.</exception>
    public byte[] EvaluateResponse(byte[] response)
    {
        switch (_step)
        {
            case 0:
                _step = 1;
                return Encoding.UTF8.GetBytes($"realm=\"{ServerName}\",nonce=\"{_nonce}\",qop=\"auth\",charset=utf-8,algorithm=md5-sess");
            case 1:
                var answer = Verify(DigestDirectives.Parse(Encoding.UTF8.GetString(response)));
                _step = 2;
                return answer;
            default:
                throw new SaslException("DIGEST-MD5 authentication has already completed");
        }
    }

    private byte[] Verify(Dictionary<string, string> d)
    {
        string Need(string name) => d.TryGetValue(name, out var v) ? v : throw new SaslException($"DIGEST-MD5 response lacks {name}");
        var user = Need("username");
        var cnonce = Need("cnonce");
        var nc = Need("nc");
        var uri = Need("digest-uri");
        var qop = d.GetValueOrDefault("qop", "auth");
        var realm = d.GetValueOrDefault("realm", ServerName);
        if (Need("nonce") != _nonce || nc != "00000001" || qop != "auth")
        {
            throw new SaslException("DIGEST-MD5 response does not answer this challenge (nonce, nc or qop)");
        }
        if (!string.Equals(uri, DigestUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new SaslException($"DIGEST-MD5 digest-uri {uri} is not {DigestUri}");
        }
        var utf8 = string.Equals(d.GetValueOrDefault("charset"), "utf-8", StringComparison.OrdinalIgnoreCase);
        var authzid = d.GetValueOrDefault("authzid");
        if (!_users.TryGetValue(user, out var password) || authzid is not null && authzid != user)
        {
            throw new SaslException($"DIGEST-MD5 authentication failed for user {user}");
        }
        var a1 = A1(user, realm, password, cnonce, authzid, utf8);
        var expected = Hex(Kd(a1, cnonce, nc, qop, "AUTHENTICATE:" + uri));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Need("response").ToLowerInvariant())))
        {
            throw new SaslException($"DIGEST-MD5 authentication failed for user {user}");
        }
        AuthorizationId = user;
        return Encoding.ASCII.GetBytes("rspauth=" + Hex(Kd(a1, cnonce, nc, qop, ":" + uri)));
    }

    // RFC 2831 2.1.2.1: A1 = H(user:realm:password) ":" nonce ":" cnonce [":" authzid].
    private byte[] A1(string user, string realm, string password, string cnonce, string? authzid, bool utf8)
    {
        var secret = Md5(Bytes($"{user}:{realm}:{password}", utf8));
        var tail = Encoding.UTF8.GetBytes($":{_nonce}:{cnonce}" + (authzid is null ? "" : ":" + authzid));
        return [.. secret, .. tail];
    }

    // response-value = HEX(KD(HEX(H(A1)), nonce ":" nc ":" cnonce ":" qop ":" HEX(H(A2)))).
    private byte[] Kd(byte[] a1, string cnonce, string nc, string qop, string a2) =>
        Md5(Encoding.ASCII.GetBytes($"{Hex(Md5(a1))}:{_nonce}:{nc}:{cnonce}:{qop}:{Hex(Md5(Encoding.ASCII.GetBytes(a2)))}"));

    // With charset=utf-8, strings that fit ISO 8859-1 are still hashed in it (RFC 2831 2.1.2.1), as Java's client does.
    private static byte[] Bytes(string text, bool utf8) =>
        !utf8 || text.All(c => c <= 0xFF) ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);

#pragma warning disable CA5351 // DIGEST-MD5 is defined on MD5; ZooKeeper's clients offer no other digest.
    private static byte[] Md5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
