using System.Globalization;
using System.Text.Json.Nodes;
using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.Support;

/// <summary>Starting servers with their AdminServer on a free loopback port, and asking it commands.</summary>
internal static class AdminHttp
{
    /// <summary>Debian's ZooKeeper jars plus Jetty 9 and the servlet API, which its AdminServer needs.</summary>
    public const string ApacheClassPath = ServerProcess.ZooKeeperClassPath +
        ":/usr/share/java/jetty9-server.jar:/usr/share/java/jetty9-servlet.jar:/usr/share/java/jetty9-http.jar" +
        ":/usr/share/java/jetty9-io.jar:/usr/share/java/jetty9-util.jar:/usr/share/java/jetty9-security.jar" +
        ":/usr/share/java/jetty9-util-ajax.jar:/usr/share/java/servlet-api.jar";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Options enabling the AdminServer on <paramref name="port"/> (loopback), plus <paramref name="extra"/>.</summary>
    public static ServerStartOptions WithAdmin(int port, string? classPath = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var config = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["admin.enableServer"] = "true",
            ["admin.serverAddress"] = "127.0.0.1",
            ["admin.serverPort"] = port.ToString(CultureInfo.InvariantCulture),
        };
        return new ServerStartOptions { Config = config, ClassPath = classPath };
    }

    public static async Task<JsonObject> CommandAsync(int port, string command)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/commands/{command}"));
        return JsonNode.Parse(text)!.AsObject();
    }

    public static Task<HttpResponseMessage> GetAsync(int port, string path) => Http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));

    public static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Http.SendAsync(request);
}
