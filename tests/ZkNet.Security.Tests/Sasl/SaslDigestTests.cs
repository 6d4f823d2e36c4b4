using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Security.Tests.Support;

namespace ZkNet.Security.Tests.Sasl;

/// <summary>
/// SASL DIGEST-MD5 with the real Java client and a JAAS file, the same expectations against ZkNet and Apache
/// ZooKeeper 3.8: the right password authenticates as the sasl identity, which ACLs and whoAmI name; a wrong one is
/// AuthFailed; with sessionRequireClientSASLAuth a client that does not authenticate is refused.
/// </summary>
public abstract class SaslDigestTests(SaslServerFixture server)
{
    private static string Node(string name) => $"/sasl-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_Java_client_authenticates_as_its_JAAS_user_which_whoAmI_and_sasl_acls_name()
    {
        var path = Node("java");

        var (code, lines, error) = await JavaClient.RunSaslAsync(server.Server.Port, server.GoodClientJaas, path, SaslServerFixture.User);

        Assert.True(code == 0, $"exit {code}: {string.Join('\n', lines)}\n{error}");
        Assert.Equal(["data sasl-data", "state SaslAuthenticated", "whoami ip 127.0.0.1", "whoami sasl bob"], lines.Order(StringComparer.Ordinal));
        await using var plain = await Clients.ConnectAsync(server.Server.Port, tls: null);
        await Assert.ThrowsAsync<NoAuthException>(() => plain.GetDataAsync(path));
    }

    [Fact]
    public async Task A_wrong_password_ends_in_AuthFailed()
    {
        var (code, lines, _) = await JavaClient.RunSaslAsync(server.Server.Port, server.BadClientJaas, Node("bad"), SaslServerFixture.User);

        Assert.Equal(4, code);
        Assert.Equal(["state AuthFailed"], lines);
    }

    [Fact]
    public async Task With_sessionRequireClientSASLAuth_a_client_without_SASL_is_refused_and_one_with_it_is_served()
    {
        await using var strict = await server.StartAsync(new Dictionary<string, string> { ["zookeeper.sessionRequireClientSASLAuth"] = "true" });

        await using var plain = await Clients.ConnectAsync(strict.Port, tls: null);
        var refused = await Assert.ThrowsAnyAsync<KeeperException>(() => plain.ExistsAsync("/"));
        var (code, lines, error) = await JavaClient.RunSaslAsync(strict.Port, server.GoodClientJaas, Node("strict"), SaslServerFixture.User);

        Assert.Equal(ErrorCode.SessionClosedRequireSasl, refused.Code);
        Assert.True(code == 0, $"exit {code}: {string.Join('\n', lines)}\n{error}");
        Assert.Contains("data sasl-data", lines);
    }
}

/// <summary><see cref="SaslDigestTests"/> against ZkNet.</summary>
public sealed class SaslDigestTests_ZkNet(ZkNetSaslServer server) : SaslDigestTests(server), IClassFixture<ZkNetSaslServer>;

/// <summary><see cref="SaslDigestTests"/> against Apache ZooKeeper 3.8.</summary>
public sealed class SaslDigestTests_Apache(ApacheSaslServer server) : SaslDigestTests(server), IClassFixture<ApacheSaslServer>;
