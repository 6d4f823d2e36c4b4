using System.Net;
using System.Text.Json.Nodes;
using ZkNet.Admin.Tests.Support;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Persistence.Database;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.AdminServer;

/// <summary>
/// ZooKeeper 3.9's snapshot command (there is no 3.9 server here to compare with, so against its documented and
/// coded behaviour): an Authorization header whose identity holds ALL on "/", 401/403 otherwise; the body is a
/// ZooKeeper snapshot file that loads back and that Apache ZooKeeper's own SnapshotFormatter reads.
/// </summary>
public sealed class SnapshotCommandTests
{
    internal const string AnyDigest = "digest anyone:whatever";

    [Theory]
    [InlineData("snapshot", "GET", null, 401, "Auth info is missing for the command")]
    [InlineData("snap", "GET", "foo bar", 401, "Not authenticated")]
    [InlineData("snapshot", "GET", "digest", 401, "Not authenticated")]
    [InlineData("snapshot", "GET", "digest a:b c", 401, "Not authenticated")]
    [InlineData("restore", "POST", null, 401, "Auth info is missing for the command")]
    [InlineData("rest", "POST", "sasl bob", 401, "Not authenticated")]
    public async Task A_request_without_a_valid_identity_is_refused_with_ZooKeepers_status_and_error(string command, string method,
        string? authorization, int status, string error)
    {
        await using var server = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 0 } });
        using var response = await SendAsync(server, new HttpMethod(method), command, authorization, method == "POST" ? [1, 2, 3] : null);
        Assert.Equal(status, (int)response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(error, (string?)answer["error"]);
        Assert.Equal(command is "snap" or "snapshot" ? "snapshot" : "restore", (string?)answer["command"]);
    }

    [Fact]
    public async Task With_a_restricted_root_ACL_only_an_identity_holding_ALL_on_the_root_may_take_a_snapshot()
    {
        await using var server = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 0 } });
        await using (var zk = await ConnectAsync(server))
        {
            await zk.AddAuthAsync("digest", "alice:secret"u8.ToArray());
            // bob may read and write the root but not administer it: ALL is every bit, each checked on its own.
            await zk.SetAclAsync("/", [
                new Acl(Perms.All, new Id("digest", DigestAuthenticationProvider.GenerateDigest("alice:secret"))),
                new Acl(Perms.All & ~Perms.Admin, new Id("digest", DigestAuthenticationProvider.GenerateDigest("bob:secret"))),
            ]);
        }
        using (var bob = await SendAsync(server, HttpMethod.Get, "snapshot", "digest bob:secret"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
            Assert.Equal("Not authorized", (string?)JsonNode.Parse(await bob.Content.ReadAsStringAsync())!["error"]);
        }
        using (var wrongPassword = await SendAsync(server, HttpMethod.Get, "snapshot", "digest alice:guess"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrongPassword.StatusCode);
        }
        using var alice = await SendAsync(server, HttpMethod.Get, "snapshot", "digest alice:secret");
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Equal("application/octet-stream", alice.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_streamed_snapshot_loads_back_whole_and_Apache_ZooKeepers_SnapshotFormatter_reads_it()
    {
        await using var server = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 0 } });
        long zxid;
        await using (var zk = await ConnectAsync(server))
        {
            await zk.CreateAsync("/app", "root"u8.ToArray(), Acl.OpenAclUnsafe);
            await zk.CreateAsync("/app/a", "alpha"u8.ToArray(), Acl.OpenAclUnsafe);
            await zk.CreateAsync("/app/b", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
            zxid = (await zk.ExistsAsync("/app/b"))!.Value.Czxid;
        }
        using var response = await SendAsync(server, HttpMethod.Get, "snapshot", AnyDigest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "snapshot_size"));
        // The ephemeral went with its session: the snapshot's zxid is the close's, after the create.
        var lastZxid = Convert.ToInt64(Header(response, "last_zxid")[2..], 16);
        Assert.True(lastZxid > zxid, $"last_zxid 0x{lastZxid:x} <= 0x{zxid:x}");

        var (tree, _) = ZkDatabase.ReadSnapshotStream(new MemoryStream(bytes), extendedTypesEnabled: false);
        Assert.Equal("alpha"u8.ToArray(), tree.GetNode("/app/a")!.Data);
        Assert.Null(tree.GetNode("/app/b"));
        Assert.Equal(lastZxid, tree.LastProcessedZxid);

        var file = Path.Combine(Path.GetTempPath(), $"snapshot.{lastZxid:x}-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var run = await ExternalProcess.RunAsync("java", ["-Xmx128m", "-cp", "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-nop.jar",
                "org.apache.zookeeper.server.SnapshotFormatter", file]);
            Assert.True(run.ExitCode == 0, run.Error + run.Out);
            Assert.Contains("/app/a\n", run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("/app/b\n", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Streaming_false_answers_the_headers_and_json_without_the_snapshot()
    {
        await using var server = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 0 } });
        using var response = await SendAsync(server, HttpMethod.Get, "snapshot?streaming=false", AnyDigest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("snapshot", (string?)answer["command"]);
        Assert.Null((string?)answer["error"]);
        Assert.True(long.Parse(Header(response, "snapshot_size"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.StartsWith("0x", Header(response, "last_zxid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_snapshot_within_the_rate_limit_is_429_and_a_disabled_command_is_503()
    {
        await using (var limited = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 60_000 } }))
        {
            using var first = await SendAsync(limited, HttpMethod.Get, "snapshot?streaming=false", AnyDigest);
            using var second = await SendAsync(limited, HttpMethod.Get, "snapshot?streaming=false", AnyDigest);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }
        await using var disabled = await InProcessServer.StartAsync(c => c with
        {
            Admin = c.Admin with { SnapshotEnabled = false, RestoreEnabled = false },
        });
        using var snapshot = await SendAsync(disabled, HttpMethod.Get, "snapshot", AnyDigest);
        using var restore = await SendAsync(disabled, HttpMethod.Post, "restore", AnyDigest, [1]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, snapshot.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, restore.StatusCode);
        Assert.Contains("admin.snapshot.enabled=false", (string?)JsonNode.Parse(await snapshot.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_and_restore_are_listed_and_answer_405_to_the_other_method()
    {
        await using var server = await InProcessServer.StartAsync();
        var list = await (await AdminHttp.GetAsync(server.AdminEndPoint!.Port, "/commands")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/commands/snapshot\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/commands/restore\"", list, StringComparison.Ordinal);
        using var getRestore = await SendAsync(server, HttpMethod.Get, "restore", AnyDigest);
        using var postSnapshot = await SendAsync(server, HttpMethod.Post, "snapshot", AnyDigest, [1]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getRestore.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postSnapshot.StatusCode);
    }

    internal static async Task<HttpResponseMessage> SendAsync(ZkNetServer server, HttpMethod method, string command, string? authorization,
        byte[]? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{server.AdminEndPoint!.Port}/commands/{command}"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }
        return await AdminHttp.SendAsync(request);
    }

    internal static Task<ZooKeeperClient> ConnectAsync(ZkNetServer server) => ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
    {
        ConnectString = server.ConnectString,
        SessionTimeout = TimeSpan.FromSeconds(10),
    });

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
