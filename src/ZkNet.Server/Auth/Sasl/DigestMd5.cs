using System.Security.Cryptography;
using System.Text;

namespace ZkNet.Server.Auth.Sasl;

/// <summary>
/// The digest arithmetic of SASL DIGEST-MD5 (RFC 2831 section 2.1.2.1, qop "auth", md5-sess), shared by
/// <see cref="DigestMd5Server"/> and <see cref="DigestMd5Client"/> so both sides compute one thing one way.
/// </summary>
internal static class DigestMd5
{
    /// <summary>The only nonce count either side uses: one authentication per exchange, no reauthentication.</summary>
    public const string NonceCount = "00000001";

    /// <summary>A1 = H(user:realm:password) ":" nonce ":" cnonce [":" authzid].</summary>
    public static byte[] A1(string user, string realm, string password, string nonce, string cnonce, string? authzid, bool utf8)
    {
        var secret = Md5(Bytes($"{user}:{realm}:{password}", utf8));
        var tail = Encoding.UTF8.GetBytes($":{nonce}:{cnonce}" + (authzid is null ? "" : ":" + authzid));
        return [.. secret, .. tail];
    }

    /// <summary>
    /// HEX(KD(HEX(H(A1)), nonce ":" nc ":" cnonce ":" qop ":" HEX(H(A2)))): the client's response with A2
    /// "AUTHENTICATE:" digest-uri, the server's rspauth with A2 ":" digest-uri.
    /// </summary>
    public static string Kd(byte[] a1, string nonce, string cnonce, string nc, string qop, string a2) =>
        Hex(Md5(Encoding.ASCII.GetBytes($"{Hex(Md5(a1))}:{nonce}:{nc}:{cnonce}:{qop}:{Hex(Md5(Encoding.ASCII.GetBytes(a2)))}")));

    /// <summary>Whether two lower-case hex digests agree, in constant time.</summary>
    public static bool SameDigest(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant()));

    /// <summary>A fresh random nonce (or cnonce): 24 random bytes, base64, which needs no quoting.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    // With charset=utf-8, strings that fit ISO 8859-1 are still hashed in it (RFC 2831 2.1.2.1), as Java's client does.
    private static byte[] Bytes(string text, bool utf8) =>
        !utf8 || text.All(c => c <= 0xFF) ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);

#pragma warning disable CA5351 // DIGEST-MD5 is defined on MD5; ZooKeeper's clients offer no other digest.
    private static byte[] Md5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
