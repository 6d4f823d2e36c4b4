using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>
/// The real Java client: over TLS (Netty client socket, zookeeper.client.secure=true) running Java/TlsProbe.java, or
/// with a JAAS file for SASL DIGEST-MD5 running Java/SaslProbe.java.
/// </summary>
public static class JavaClient
{
    private static readonly string ClassPath = string.Join(':',
        ["/usr/share/java/zookeeper.jar", "/usr/share/java/zookeeper-jute.jar", "/usr/share/java/slf4j-simple.jar", .. SecureServer.NettyJars]);

    private static readonly SemaphoreSlim CompileLock = new(1, 1);
    private static string? _classes;

    /// <summary>
    /// Connects to <paramref name="port"/> presenting <paramref name="clientStore"/> (a .p12 of <paramref name="certs"/>;
    /// null: no client certificate), creates <paramref name="node"/>, reads it, asks whoAmI, and tries to read
    /// <paramref name="reads"/>. Returns the exit code and the printed lines.
    /// </summary>
    public static async Task<(int ExitCode, string[] Lines, string Error)> RunAsync(TestCertificates certs, int port, string? clientStore,
        string node, params string[] reads)
    {
        var classes = await CompileAsync();
        List<string> args =
        [
            "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
            "-Dzookeeper.client.secure=true", "-Dzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty",
            $"-Dzookeeper.ssl.trustStore.location={certs.Path("trust.p12")}", $"-Dzookeeper.ssl.trustStore.password={TestCertificates.Password}",
        ];
        if (clientStore is not null)
        {
            args.Add($"-Dzookeeper.ssl.keyStore.location={certs.Path(clientStore)}");
            args.Add($"-Dzookeeper.ssl.keyStore.password={TestCertificates.Password}");
        }
        args.AddRange(["-cp", classes + ":" + ClassPath, "TlsProbe", $"127.0.0.1:{port}", node, .. reads]);
        var (code, output, error) = await ExternalProcess.RunAsync("java", args, TimeSpan.FromSeconds(60));
        return (code, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error);
    }

    /// <summary>
    /// Runs Java/SaslProbe.java on the plain port with <paramref name="jaasFile"/> as the client's JAAS file: it waits
    /// for the SASL outcome, then creates <paramref name="node"/> readable by sasl:<paramref name="user"/> only.
    /// </summary>
    public static async Task<(int ExitCode, string[] Lines, string Error)> RunSaslAsync(int port, string jaasFile, string node, string user)
    {
        var classes = await CompileAsync();
        var (code, output, error) = await ExternalProcess.RunAsync("java",
            ["-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
             $"-Djava.security.auth.login.config={jaasFile}", "-cp", classes + ":" + ClassPath, "SaslProbe", $"127.0.0.1:{port}", node, user],
            TimeSpan.FromSeconds(60));
        return (code, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error);
    }

    internal static async Task<string> CompileAsync()
    {
        await CompileLock.WaitAsync();
        try
        {
            return _classes ??= await JavaSources.CompileAsync(Path.Combine(AppContext.BaseDirectory, "Java"), ClassPath, "TlsProbe",
                "zknet-security-java");
        }
        finally
        {
            CompileLock.Release();
        }
    }
}
