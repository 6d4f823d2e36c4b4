using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>
/// Certificates and stores made with openssl and keytool, as an operator makes them: a CA; a server certificate
/// for 127.0.0.1/localhost; client certificates "client" and "admin" signed by the CA; a "rogue" client signed by
/// another CA. PKCS12 stores (keytool makes the trust store, so Java sees trusted entries), PEM files, and a JKS
/// trust store for the refusal. Made once per test run, in a temporary folder.
/// </summary>
public sealed class TestCertificates
{
    public const string Password = "secret";
    public const string ClientSubject = "CN=client,OU=Test,O=ZkNet";
    public const string AdminSubject = "CN=admin,OU=Test,O=ZkNet";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestCertificates? _made;

    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string Path(string file) => System.IO.Path.Combine(Directory, file);

    public static async Task<TestCertificates> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _made ??= await MakeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TestCertificates> MakeAsync()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zknet-certs-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        // Shared by every test class of the run, so removed when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var certs = new TestCertificates(dir);
        await File.WriteAllTextAsync(certs.Path("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        await certs.CaAsync("ca", "/CN=ZkNet Test CA");
        await certs.CaAsync("rogue-ca", "/CN=Rogue CA");
        await certs.SignedAsync("server", "ca", "/CN=localhost");
        await certs.SignedAsync("client", "ca", "/O=ZkNet/OU=Test/CN=client");
        await certs.SignedAsync("admin", "ca", "/O=ZkNet/OU=Test/CN=admin");
        await certs.SignedAsync("rogue", "rogue-ca", "/O=ZkNet/OU=Test/CN=client");
        foreach (var type in new[] { "PKCS12", "JKS" })
        {
            var store = type == "JKS" ? "trust.jks" : "trust.p12";
            await certs.RunAsync("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", certs.Path("ca.pem"),
                "-keystore", certs.Path(store), "-storetype", type, "-storepass", Password);
        }
        return certs;
    }

    private Task CaAsync(string name, string subject) => RunAsync("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", Path(name + ".key"), "-out", Path(name + ".pem"), "-days", "2", "-subj", subject);

    /// <summary>name.key and name.pem (signed by <paramref name="ca"/>), name-bundle.pem (both) and name.p12 (with the CA).</summary>
    private async Task SignedAsync(string name, string ca, string subject)
    {
        await RunAsync("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", Path(name + ".key"), "-out", Path(name + ".csr"), "-subj", subject);
        await RunAsync("openssl", "x509", "-req", "-in", Path(name + ".csr"), "-CA", Path(ca + ".pem"), "-CAkey", Path(ca + ".key"),
            "-CAcreateserial", "-out", Path(name + ".pem"), "-days", "2", "-extfile", Path("san.ext"));
        await File.WriteAllTextAsync(Path(name + "-bundle.pem"),
            await File.ReadAllTextAsync(Path(name + ".pem")) + await File.ReadAllTextAsync(Path(name + ".key")));
        await RunAsync("openssl", "pkcs12", "-export", "-in", Path(name + ".pem"), "-inkey", Path(name + ".key"),
            "-certfile", Path(ca + ".pem"), "-name", name, "-out", Path(name + ".p12"), "-passout", "pass:" + Password);
    }

    private async Task RunAsync(string program, params string[] args)
    {
        var (code, output, error) = await ExternalProcess.RunAsync(program, args, TimeSpan.FromSeconds(60), Directory);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({code}):\n{output}\n{error}");
        }
    }
}
