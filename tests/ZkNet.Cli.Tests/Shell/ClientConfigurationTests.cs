using ZkNet.Cli.Shell;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// zkCli's -client-configuration file: zookeeper.ssl.crl or zookeeper.ssl.ocsp (Boolean.parseBoolean: "true" in any
/// case, nothing else) turns on the revocation check of the server's certificate, as in ZooKeeper's client.
/// </summary>
public sealed class ClientConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "zknet-client-cfg-" + Guid.NewGuid().ToString("N")[..12] + ".properties");

    [Theory]
    [InlineData("zookeeper.ssl.crl=true\n", true)]
    [InlineData("ssl.ocsp=TRUE\n", true)]
    [InlineData("zookeeper.ssl.crl=yes\n", false)]
    [InlineData("", false)]
    public void Crl_or_ocsp_turns_on_the_servers_revocation_check(string lines, bool expected)
    {
        File.WriteAllText(_file, "zookeeper.client.secure=true\n" + lines);
        var tls = ClientConfiguration.Load(_file);
        Assert.NotNull(tls);
        Assert.Equal(expected, tls.CheckRevocation);
    }

    public void Dispose() => File.Delete(_file);
}
