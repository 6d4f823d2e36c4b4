using ZkNet.Client.Exceptions;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Security.Tests.Support;

namespace ZkNet.Security.Tests.Sasl;

/// <summary>The SASL keys of zoo.cfg, the JAAS files ZkNet refuses, and enforce.auth.* on an in-process server.</summary>
public sealed class SaslConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zknet-jaas-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServerConfig Parse(string extra) => ZooCfgParser.Parse($"dataDir=/tmp/zk\nclientPort=2181\n{extra}", _dir);

    private string Jaas(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".jaas");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_JAAS_section_users_and_the_enforcement_keys_are_read()
    {
        var jaas = Jaas("""
            // ZooKeeper's sample
            Server { org.apache.zookeeper.server.auth.DigestLoginModule required user_bob="b\"pw" user_amy="amy"; };
            Other { org.apache.zookeeper.server.auth.DigestLoginModule required user_eve="x"; };
            """);

        var config = Parse($"java.security.auth.login.config={jaas}\nzookeeper.enforce.auth.enabled=true\nenforce.auth.schemes=sasl,digest\n");

        Assert.Equal(new Dictionary<string, string> { ["bob"] = "b\"pw", ["amy"] = "amy" }, config.Sasl.Users);
        Assert.Equal(["digest", "sasl"], config.Sasl.EnforcedSchemes!.Order(StringComparer.Ordinal));
        Assert.Equal(["sasl"], Parse("sessionRequireClientSASLAuth=true\n").Sasl.EnforcedSchemes);
        Assert.Null(Parse("enforce.auth.schemes=sasl\n").Sasl.EnforcedSchemes);
    }

    [Theory]
    [InlineData("Server { com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true; };", "section Server uses com.sun.security.auth.module.Krb5LoginModule; ZkNet supports SASL DIGEST-MD5 only")]
    [InlineData("Client { org.apache.zookeeper.server.auth.DigestLoginModule required username=\"a\" password=\"b\"; };", "has no section Server { ... }")]
    [InlineData("Server { org.apache.zookeeper.server.auth.DigestLoginModule required; };", "section Server names no user_NAME=\"password\" entry")]
    public void A_JAAS_file_ZkNet_cannot_serve_is_refused_saying_why(string text, string reason)
    {
        var jaas = Jaas(text);

        var ex = Assert.Throws<ConfigException>(() => Parse($"java.security.auth.login.config={jaas}\n"));

        Assert.StartsWith("zoo.cfg: java.security.auth.login.config: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_enforce_auth_schemes_digest_a_client_is_served_once_it_adds_digest_credentials()
    {
        await using var server = await ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0,
            InMemory = true,
            Sasl = new SaslSettings { EnforceAuthEnabled = true, EnforceAuthSchemes = new HashSet<string> { "digest" } },
        });
        await using var authenticated = await Clients.ConnectAsync(server.ClientEndPoint.Port, tls: null);
        await using var anonymous = await Clients.ConnectAsync(server.ClientEndPoint.Port, tls: null);

        await authenticated.AddAuthAsync("digest", "bob:pw"u8.ToArray());
        var stat = await authenticated.ExistsAsync("/");
        var refused = await Assert.ThrowsAnyAsync<KeeperException>(() => anonymous.ExistsAsync("/"));

        Assert.NotNull(stat);
        Assert.Equal(ErrorCode.SessionClosedRequireSasl, refused.Code);
    }
}
