using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Security.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Tls;

/// <summary><c>zknet cli -client-configuration FILE</c>: zkCli's way of turning on TLS, with the same property names.</summary>
public sealed class CliTlsTests
{
    [Fact]
    public async Task Zknet_cli_with_a_client_configuration_connects_over_TLS_as_its_certificate()
    {
        var certs = await TestCertificates.GetAsync();
        await using var server = await ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0,
            InMemory = true,
            Tls = new TlsSettings
            {
                SecureClientPort = 0,
                SecureClientPortAddress = "127.0.0.1",
                KeyStore = new StoreSettings { Location = certs.Path("server.p12"), Password = TestCertificates.Password },
                TrustStore = new StoreSettings { Location = certs.Path("ca.pem") },
            },
        });
        var properties = Path.Combine(certs.Directory, $"client-{Guid.NewGuid():N}.properties");
        await File.WriteAllTextAsync(properties, $"""
            zookeeper.client.secure=true
            zookeeper.ssl.keyStore.location={certs.Path("client.p12")}
            zookeeper.ssl.keyStore.password={TestCertificates.Password}
            zookeeper.ssl.trustStore.location={certs.Path("trust.p12")}
            zookeeper.ssl.trustStore.password={TestCertificates.Password}
            """);

        var run = await ZknetCliAsync("-server", $"127.0.0.1:{server.SecureClientEndPoint!.Port}", "-client-configuration", properties, "whoami");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"\nx509: {TestCertificates.ClientSubject}\n", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-timeout abc", "zknet cli: -timeout needs a session timeout in milliseconds (a positive whole number), not 'abc'")]
    [InlineData("-timeout 0", "zknet cli: -timeout needs a session timeout in milliseconds (a positive whole number), not '0'")]
    [InlineData("-timeout", "zknet cli: -timeout needs a session timeout in milliseconds (a positive whole number), not nothing")]
    [InlineData("-client-configuration", "zknet cli: -client-configuration needs a file: a Java properties file with zookeeper.client.secure and the zookeeper.ssl.* settings")]
    public async Task A_bad_option_value_exits_2_naming_the_option_and_what_it_takes(string options, string message)
    {
        var run = await ZknetCliAsync(options.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Split('\n')[0]);
        Assert.Contains("usage: zknet cli", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_configuration_naming_a_JKS_store_exits_2_with_the_conversion_hint()
    {
        var certs = await TestCertificates.GetAsync();
        var properties = Path.Combine(certs.Directory, $"jks-{Guid.NewGuid():N}.properties");
        await File.WriteAllTextAsync(properties, $"zookeeper.client.secure=true\nzookeeper.ssl.trustStore.location={certs.Path("trust.jks")}\n");

        var run = await ZknetCliAsync("-client-configuration", properties, "ls", "/");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"zknet cli: zookeeper.ssl.trustStore.location {certs.Path("trust.jks")} is a JKS store, which ZkNet cannot read: convert it with `keytool -importkeystore",
            run.Error, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Out, string Error)> ZknetCliAsync(params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "cli", .. args], TimeSpan.FromSeconds(60));
}
