using System.Net;
using System.Text.Json.Nodes;
using ZkNet.Admin.Tests.Support;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using static ZkNet.Admin.Tests.AdminServer.SnapshotCommandTests;

namespace ZkNet.Admin.Tests.AdminServer;

/// <summary>
/// ZooKeeper 3.9's restore command: a snapshot POSTed by an identity with ALL on "/" replaces the tree, the restored
/// data is what clients read (also after a restart: the restore is made durable), and bad bodies are refused with a
/// clear error while the server keeps serving the tree it had.
/// </summary>
public sealed class RestoreCommandTests
{
    [Fact]
    public async Task Restore_replaces_the_tree_clients_read_and_the_restored_tree_survives_a_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "zknet-restore-" + Guid.NewGuid().ToString("N")[..12]);
        Func<ServerConfig, ServerConfig> onDisk = c => c with
        {
            InMemory = false,
            DataDir = dataDir,
            Admin = c.Admin with { RateLimiterIntervalMs = 0 },
        };
        try
        {
            byte[] snapshot;
            long restoredZxid;
            await using (var server = await InProcessServer.StartAsync(onDisk))
            {
                await using var survivor = await ConnectAsync(server);
                var changed = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
                long before;
                await using (var zk = await ConnectAsync(server))
                {
                    await zk.CreateAsync("/kept", "v1"u8.ToArray(), Acl.OpenAclUnsafe);
                    using var taken = await SendAsync(server, HttpMethod.Get, "snapshot", AnyDigest);
                    snapshot = await taken.Content.ReadAsByteArrayAsync();
                    await zk.SetDataAsync("/kept", "v2"u8.ToArray());
                    await zk.CreateAsync("/later", null, Acl.OpenAclUnsafe);
                    before = (await zk.ExistsAsync("/later"))!.Value.Czxid;
                    // A watch set on the tree the restore replaces.
                    await survivor.GetDataAsync("/kept", Watcher.Create(e =>
                    {
                        if (e.Type == EventType.NodeDataChanged)
                        {
                            changed.TrySetResult(e);
                        }
                    }));
                }
                using var restored = await SendAsync(server, HttpMethod.Post, "restore", AnyDigest, snapshot);
                var answer = JsonNode.Parse(await restored.Content.ReadAsStringAsync())!;
                Assert.True(restored.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
                Assert.Equal("restore", (string?)answer["command"]);
                Assert.Null((string?)answer["error"]);
                // The zxid never goes back, so clients that saw the later writes can still connect.
                restoredZxid = (long)answer["last_zxid"]!;
                Assert.True(restoredZxid >= before, $"last_zxid 0x{restoredZxid:x} < 0x{before:x}");
                await AssertRestoredAsync(server);
                // A client connected through the restore is disconnected, reconnects with its session (the snapshot
                // holds it), sets its watch again on the restored tree, and reads that tree. Without the disconnect
                // its watch would stay with the old tree and never fire.
                Assert.Equal("v1"u8.ToArray(), await ReadAfterReconnectAsync(survivor, "/kept"));
                await using (var writer = await ConnectAsync(server))
                {
                    await writer.SetDataAsync("/kept", "v3"u8.ToArray());
                }
                Assert.Equal("/kept", (await changed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Path);
            }
            await using (var again = await InProcessServer.StartAsync(onDisk))
            {
                await AssertRestoredAsync(again, kept: "v3");
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_bodies_are_refused_with_a_clear_error_and_the_server_keeps_its_tree()
    {
        await using var server = await InProcessServer.StartAsync(c => c with
        {
            Admin = c.Admin with { RateLimiterIntervalMs = 0, RestoreMaxBytes = 64 * 1024 },
        });
        await using var zk = await ConnectAsync(server);
        await zk.CreateAsync("/mine", "keep"u8.ToArray(), Acl.OpenAclUnsafe);
        using var taken = await SendAsync(server, HttpMethod.Get, "snapshot", AnyDigest);
        var snapshot = await taken.Content.ReadAsByteArrayAsync();

        var bodies = new (string What, byte[] Body, HttpStatusCode Status, string Error)[]
        {
            ("empty", [], HttpStatusCode.BadRequest, "restore needs a snapshot in the request body"),
            ("not a snapshot", "{\"nodes\": []}"u8.ToArray(), HttpStatusCode.BadRequest, "not a ZooKeeper snapshot: "),
            ("cut short", snapshot[..(snapshot.Length / 2)], HttpStatusCode.BadRequest, "not a ZooKeeper snapshot: "),
            ("one byte flipped", Flip(snapshot, snapshot.Length - 40), HttpStatusCode.BadRequest, "not a ZooKeeper snapshot: "),
            ("oversized", new byte[65 * 1024], HttpStatusCode.RequestEntityTooLarge, "larger than admin.restore.maxBytes (65536 bytes)"),
        };
        foreach (var (what, body, status, error) in bodies)
        {
            using var response = await SendAsync(server, HttpMethod.Post, "restore", AnyDigest, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {text}");
            Assert.Contains(error, (string?)JsonNode.Parse(text)!["error"], StringComparison.Ordinal);
        }
        // Still serving, on the same session, with the tree it had.
        Assert.Equal("keep"u8.ToArray(), (await zk.GetDataAsync("/mine")).Data);
        Assert.Null((string?)(await AdminHttp.CommandAsync(server.AdminEndPoint!.Port, "ruok"))["error"]);
    }

    private static async Task AssertRestoredAsync(ZkNetServer server, string kept = "v1")
    {
        await using var zk = await ConnectAsync(server);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(kept), (await zk.GetDataAsync("/kept")).Data);
        Assert.Null(await zk.ExistsAsync("/later"));
    }

    /// <summary>Reads <paramref name="path"/>, retrying while the client reconnects (bounded at 15 s).</summary>
    private static async Task<byte[]> ReadAfterReconnectAsync(ZooKeeperClient zk, string path)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            try
            {
                return (await zk.GetDataAsync(path, cancellationToken: deadline.Token)).Data;
            }
            catch (Client.Exceptions.ConnectionLossException) when (!deadline.IsCancellationRequested)
            {
                // The restore closed the connection under this request; the client is reconnecting.
            }
        }
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x5a;
        return copy;
    }
}
