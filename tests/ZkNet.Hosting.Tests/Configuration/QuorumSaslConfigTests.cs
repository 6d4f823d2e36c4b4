using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>
/// The quorum.auth.* keys as QuorumPeerConfig reads and checks them, and the JAAS sections an ensemble member reads
/// at start when quorum.auth.enableSasl is on (DIGEST-MD5 only; Kerberos refused, saying so).
/// </summary>
public sealed class QuorumSaslConfigTests : IDisposable
{
    private const string ServerLine = "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\n";
    private const string Required = "quorum.auth.enableSasl=true\nquorum.auth.learnerRequireSasl=true\nquorum.auth.serverRequireSasl=true\n";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zknet-qsasl-cfg-" + Guid.NewGuid().ToString("N")[..8]);

    public QuorumSaslConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Jaas(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".jaas");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Sections = """
        QuorumServer { org.apache.zookeeper.server.auth.DigestLoginModule required user_zk="s3cret" user_other="x"; };
        QuorumLearner { org.apache.zookeeper.server.auth.DigestLoginModule required username="zk" password="s3cret"; };
        """;

    [Fact]
    public void An_ensemble_member_reads_both_sections_and_no_Server_section_is_needed_for_it()
    {
        var config = Cfg.Parse(Required + $"java.security.auth.login.config={Jaas(Sections)}\n" + ServerLine);

        Assert.True(config.QuorumSasl is { EnableSasl: true, LearnerRequireSasl: true, ServerRequireSasl: true });
        Assert.Equal(new Dictionary<string, string> { ["zk"] = "s3cret", ["other"] = "x" }, config.QuorumSasl.ServerUsers);
        Assert.Equal(("zk", "s3cret"), (config.QuorumSasl.LearnerUser, config.QuorumSasl.LearnerPassword));
        // ZooKeeper runs without client SASL when the file has no Server section (and sasl.serverconfig is not set).
        Assert.Null(config.Sasl.Users);
    }

    [Fact]
    public void Other_section_names_are_read_when_the_login_contexts_name_them()
    {
        var jaas = Jaas("""
            Peers { org.apache.zookeeper.server.auth.DigestLoginModule required user_a="1"; };
            Me { org.apache.zookeeper.server.auth.DigestLoginModule required username="a" password="1"; };
            """);

        var config = Cfg.Parse(Required + "quorum.auth.server.saslLoginContext=Peers\nquorum.auth.learner.saslLoginContext=Me\n" +
            $"java.security.auth.login.config={jaas}\n" + ServerLine);

        Assert.Equal("1", config.QuorumSasl.ServerUsers!["a"]);
        Assert.Equal("a", config.QuorumSasl.LearnerUser);
    }

    [Theory]
    [InlineData("quorum.auth.serverRequireSasl=true\nquorum.auth.learnerRequireSasl=true\n", "quorum.auth.enableSasl is disabled, so cannot enable quorum.auth.serverRequireSasl")]
    [InlineData("quorum.auth.learnerRequireSasl=true\n", "quorum.auth.enableSasl is disabled, so cannot enable quorum.auth.learnerRequireSasl")]
    [InlineData("quorum.auth.enableSasl=true\nquorum.auth.serverRequireSasl=true\n", "quorum.auth.learnerRequireSasl is disabled, so cannot enable quorum.auth.serverRequireSasl")]
    public void QuorumPeerConfigs_three_checks_refuse_the_start_in_its_words(string lines, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => Cfg.Parse(lines));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QuorumLearner { org.apache.zookeeper.server.auth.DigestLoginModule required username=\"a\" password=\"b\"; };", "has no section QuorumServer")]
    [InlineData("QuorumServer { org.apache.zookeeper.server.auth.DigestLoginModule required user_a=\"b\"; };", "has no section QuorumLearner")]
    [InlineData("QuorumServer { org.apache.zookeeper.server.auth.DigestLoginModule required user_a=\"b\"; };\nQuorumLearner { org.apache.zookeeper.server.auth.DigestLoginModule required username=\"a\"; };", "section QuorumLearner needs username=\"...\" and password=\"...\"")]
    [InlineData("QuorumServer { com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/k\" principal=\"zkquorum/h@R\"; };\nQuorumLearner { org.apache.zookeeper.server.auth.DigestLoginModule required username=\"a\" password=\"b\"; };", "uses com.sun.security.auth.module.Krb5LoginModule; ZkNet supports SASL DIGEST-MD5 only")]
    public void A_JAAS_file_a_member_cannot_authenticate_with_stops_the_start_saying_why(string text, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => Cfg.Parse(Required + $"java.security.auth.login.config={Jaas(text)}\n" + ServerLine));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_JAAS_file_enableSasl_stops_an_ensemble_member_but_not_a_standalone_server()
    {
        var error = Assert.Throws<ConfigException>(() => Cfg.Parse("quorum.auth.enableSasl=true\n" + ServerLine));
        Assert.Contains("quorum.auth.enableSasl=true needs java.security.auth.login.config", error.Message, StringComparison.Ordinal);

        // ZooKeeper builds its quorum authenticators only for a quorum peer.
        Assert.True(Cfg.Parse("quorum.auth.enableSasl=true\n").QuorumSasl.EnableSasl);
    }

    [Fact]
    public void Without_enableSasl_no_JAAS_section_is_read_and_the_defaults_are_ZooKeepers()
    {
        var config = Cfg.Parse(ServerLine);

        Assert.False(config.QuorumSasl.EnableSasl || config.QuorumSasl.LearnerRequireSasl || config.QuorumSasl.ServerRequireSasl);
        Assert.Equal(("QuorumLearner", "QuorumServer"), (config.QuorumSasl.LearnerLoginContext, config.QuorumSasl.ServerLoginContext));
        Assert.Null(config.QuorumSasl.ServerUsers);
        Assert.DoesNotContain("quorum.auth.enableSasl", Cfg.Parse("quorum.auth.enableSasl=false\n").IgnoredKeys);
    }
}
