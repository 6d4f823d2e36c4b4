using System.Text;

namespace ZkNet.Server.Auth.Sasl;

/// <summary>
/// The client side of SASL DIGEST-MD5 (RFC 2831, qop "auth", md5-sess) as Java's SASL client speaks it, for a member
/// authenticating to another (quorum SASL). No initial response; the server's challenge is answered with the digest
/// response; the server's rspauth is verified (mutual authentication), after which the exchange is complete.
/// </summary>
public sealed class DigestMd5Client
{
    private readonly string _user;
    private readonly string _password;
    private readonly string _serverName;
    private readonly string _digestUri;
    private readonly string _cnonce = DigestMd5.NewNonce();
    private string? _expectedRspauth;
    private int _step;

    /// <summary>
    /// Creates an exchange as <paramref name="user"/> with <paramref name="password"/> towards
    /// <paramref name="protocol"/>/<paramref name="serverName"/> (the digest-uri).
    /// </summary>
    public DigestMd5Client(string user, string password, string protocol, string serverName)
    {
        _user = user;
        _password = password;
        _serverName = serverName;
        _digestUri = protocol + "/" + serverName;
    }

    /// <summary>Whether the server has answered with a valid rspauth.</summary>
    public bool IsComplete => _step == 2;

    /// <summary>
    /// Answers the server's token: the challenge with the digest response, then the rspauth with null (nothing more to
    /// send; complete).
    /// </summary>
    /// <exception cref="SaslException">The token is malformed, offers no qop auth, or the rspauth is wrong.</exception>
    public byte[]? EvaluateChallenge(byte[] challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var directives = DigestDirectives.Parse(Encoding.UTF8.GetString(challenge));
        switch (_step)
        {
            case 0:
                var response = Respond(directives);
                _step = 1;
                return response;
            case 1:
                if (!directives.TryGetValue("rspauth", out var rspauth) || !DigestMd5.SameDigest(_expectedRspauth!, rspauth))
                {
                    throw new SaslException("DIGEST-MD5 server's rspauth does not verify: it does not know our password");
                }
                _step = 2;
                return null;
            default:
                throw new SaslException("DIGEST-MD5 authentication has already completed");
        }
    }

    private byte[] Respond(Dictionary<string, string> challenge)
    {
        var nonce = challenge.TryGetValue("nonce", out var n) ? n : throw new SaslException("DIGEST-MD5 challenge lacks a nonce");
        var qops = challenge.GetValueOrDefault("qop", "auth").Split(',', StringSplitOptions.TrimEntries);
        if (!qops.Contains("auth", StringComparer.Ordinal))
        {
            throw new SaslException($"DIGEST-MD5 challenge offers qop {string.Join(',', qops)}, not auth");
        }
        if (challenge.TryGetValue("algorithm", out var algorithm) && !string.Equals(algorithm, "md5-sess", StringComparison.OrdinalIgnoreCase))
        {
            throw new SaslException($"DIGEST-MD5 challenge asks for algorithm {algorithm}, not md5-sess");
        }
        var realm = challenge.GetValueOrDefault("realm", _serverName);
        var utf8 = string.Equals(challenge.GetValueOrDefault("charset"), "utf-8", StringComparison.OrdinalIgnoreCase);
        var a1 = DigestMd5.A1(_user, realm, _password, nonce, _cnonce, null, utf8);
        var digest = DigestMd5.Kd(a1, nonce, _cnonce, DigestMd5.NonceCount, "auth", "AUTHENTICATE:" + _digestUri);
        _expectedRspauth = DigestMd5.Kd(a1, nonce, _cnonce, DigestMd5.NonceCount, "auth", ":" + _digestUri);
        var text = (utf8 ? "charset=utf-8," : "") +
            $"username={Quote(_user)},realm={Quote(realm)},nonce={Quote(nonce)},nc={DigestMd5.NonceCount},cnonce={Quote(_cnonce)}," +
            $"digest-uri={Quote(_digestUri)},maxbuf=65536,response={digest},qop=auth";
        return utf8 ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
