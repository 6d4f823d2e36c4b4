namespace ZkNet.Ensemble.Tests;

/// <summary>
/// JAAS files for quorum SASL (DIGEST-MD5) as Apache ZooKeeper's documentation lays them out: a QuorumServer section
/// with the user_NAME entries a member accepts, a QuorumLearner section with the name and password it presents. Every
/// member shares one user; a member given a wrong password presents it, while still accepting the right one.
/// </summary>
internal sealed class QuorumSaslJaas : IDisposable
{
    public const string User = "zkpeer";
    public const string Password = "quorum-secret";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "zknet-qsasl-" + Guid.NewGuid().ToString("N")[..12]);

    public QuorumSaslJaas()
    {
        Directory.CreateDirectory(_folder);
        Good = Write("good.jaas", Password);
        WrongPassword = Write("wrong.jaas", "not-the-" + Password);
    }

    /// <summary>The JAAS file every member normally uses.</summary>
    public string Good { get; }

    /// <summary>A JAAS file whose QuorumLearner password is wrong.</summary>
    public string WrongPassword { get; }

    /// <summary>The zoo.cfg keys (QuorumPeerConfig's own) that make a member require quorum SASL both ways.</summary>
    public static IReadOnlyDictionary<string, string> RequiredSettings { get; } = new Dictionary<string, string>
    {
        ["quorum.auth.enableSasl"] = "true",
        ["quorum.auth.learnerRequireSasl"] = "true",
        ["quorum.auth.serverRequireSasl"] = "true",
    };

    /// <summary>Those keys and the JAAS file, as zoo.cfg lines (ZkNet reads java.security.auth.login.config there).</summary>
    public static string ZooCfgLines(string jaas) =>
        string.Concat(RequiredSettings.Select(s => $"{s.Key}={s.Value}\n")) + $"java.security.auth.login.config={jaas}\n";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Write(string name, string learnerPassword)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, $$"""
            QuorumServer {
                   org.apache.zookeeper.server.auth.DigestLoginModule required
                   user_{{User}}="{{Password}}";
            };
            QuorumLearner {
                   org.apache.zookeeper.server.auth.DigestLoginModule required
                   username="{{User}}"
                   password="{{learnerPassword}}";
            };
            """);
        return path;
    }
}
