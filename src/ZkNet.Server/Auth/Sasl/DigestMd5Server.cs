using System.Text;

namespace ZkNet.Server.Auth.Sasl;

/// <summary>
/// The server side of SASL DIGEST-MD5 (RFC 2831, qop "auth") as Java's SASL server speaks it: the realm is the server
/// name. ZooKeeper's clients use the protocol "zookeeper" and the server name "zk-sasl-md5" (the defaults here);
/// quorum authentication uses "zookeeper-quorum" and "zk-quorum-sasl-md5". Two steps: any first token is answered
/// with a challenge; the client's response is checked against the user's password and answered with rspauth, after
/// which the exchange is complete and the authenticated user is <see cref="AuthorizationId"/>.
/// </summary>
public sealed class DigestMd5Server
{
    /// <summary>The server name ZooKeeper's clients use for DIGEST-MD5 (the host part of the principal zookeeper/zk-sasl-md5).</summary>
    public const string ServerName = "zk-sasl-md5";

    private readonly string _realm;
    private readonly string _digestUri;
    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly string _nonce = DigestMd5.NewNonce();
    private int _step;

    /// <summary>Creates a client-port exchange (protocol zookeeper, server name zk-sasl-md5) checking against <paramref name="users"/> (user name to password).</summary>
    public DigestMd5Server(IReadOnlyDictionary<string, string> users)
        : this(users, "zookeeper", ServerName)
    {
    }

    /// <summary>
    /// Creates an exchange for <paramref name="protocol"/> and <paramref name="serverName"/> (the digest-uri is
    /// protocol/serverName and the realm serverName, as Java's DIGEST-MD5 server has them) checking against
    /// <paramref name="users"/> (user name to password).
    /// </summary>
    public DigestMd5Server(IReadOnlyDictionary<string, string> users, string protocol, string serverName)
    {
        _users = users;
        _realm = serverName;
        _digestUri = protocol + "/" + serverName;
    }

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
                return Encoding.UTF8.GetBytes($"realm=\"{_realm}\",nonce=\"{_nonce}\",qop=\"auth\",charset=utf-8,algorithm=md5-sess");
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
        var realm = d.GetValueOrDefault("realm", _realm);
        if (Need("nonce") != _nonce || nc != DigestMd5.NonceCount || qop != "auth")
        {
            throw new SaslException("DIGEST-MD5 response does not answer this challenge (nonce, nc or qop)");
        }
        if (!string.Equals(uri, _digestUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new SaslException($"DIGEST-MD5 digest-uri {uri} is not {_digestUri}");
        }
        var utf8 = string.Equals(d.GetValueOrDefault("charset"), "utf-8", StringComparison.OrdinalIgnoreCase);
        var authzid = d.GetValueOrDefault("authzid");
        if (!_users.TryGetValue(user, out var password) || authzid is not null && authzid != user)
        {
            throw new SaslException($"DIGEST-MD5 authentication failed for user {user}");
        }
        var a1 = DigestMd5.A1(user, realm, password, _nonce, cnonce, authzid, utf8);
        if (!DigestMd5.SameDigest(DigestMd5.Kd(a1, _nonce, cnonce, nc, qop, "AUTHENTICATE:" + uri), Need("response")))
        {
            throw new SaslException($"DIGEST-MD5 authentication failed for user {user}");
        }
        AuthorizationId = user;
        return Encoding.ASCII.GetBytes("rspauth=" + DigestMd5.Kd(a1, _nonce, cnonce, nc, qop, ":" + uri));
    }
}
