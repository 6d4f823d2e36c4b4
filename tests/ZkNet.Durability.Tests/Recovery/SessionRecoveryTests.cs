using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>
/// Sessions are part of the durable state: after kill -9 and a restart the sessions come back with their
/// ephemerals, a client that returns in time keeps both, and one that does not loses them when its timeout runs
/// out, counted from the restart.
/// </summary>
public sealed class SessionRecoveryTests
{
    private const int TimeoutMs = 3000;

    private static readonly Dictionary<string, string> Config = new()
    {
        // minSessionTimeout is 2 ticks: short ticks let a short session timeout through.
        ["tickTime"] = "250",
    };

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Sessions_and_ephemerals_come_back_after_kill_9_and_expire_unless_the_client_returns()
    {
        using var dir = new TestDirectory();
        long returning, leaving;
        byte[] returningPassword, leavingPassword;
        await using (var server = await Servers.StartZkNetAsync(dir, Config))
        {
            await using var a = await WireClient.ConnectAsync(server.Port, TimeoutMs);
            await using var b = await WireClient.ConnectAsync(server.Port, TimeoutMs);
            Assert.Equal(ErrorCode.Ok, (await a.CreateAsync("/a-eph", "a", CreateMode.Ephemeral)).Err);
            Assert.Equal(ErrorCode.Ok, (await b.CreateAsync("/b-eph", "b", CreateMode.Ephemeral)).Err);
            (returning, returningPassword, leaving, leavingPassword) = (a.SessionId, a.Password, b.SessionId, b.Password);
            await server.KillAsync();
        }

        await using (var server = await Servers.StartZkNetAsync(dir, Config))
        {
            // The client comes back with its session id and password, as a real client reconnects.
            await using var a = await WireClient.ConnectAsync(server.Port, TimeoutMs, returning, returningPassword);
            Assert.Equal(returning, a.SessionId);
            await using var observer = await WireClient.ConnectAsync(server.Port, 30_000);
            Assert.Equal(returning, (await observer.ExistsAsync("/a-eph")).ReadOk<ExistsResponse>("exists").Stat.EphemeralOwner);
            var leavingStat = (await observer.ExistsAsync("/b-eph", watch: true)).ReadOk<ExistsResponse>("exists").Stat;
            Assert.Equal(leaving, leavingStat.EphemeralOwner);

            // The session that did not return expires: its ephemeral goes, the returning one's stays.
            await observer.NextEventAsync(e => e.Path == "/b-eph" && e.Type == (int)EventType.NodeDeleted, TimeSpan.FromSeconds(15));
            Assert.Contains($"Expiring session 0x{leaving:x}", server.Output, StringComparison.Ordinal);
            Assert.Equal(ErrorCode.Ok, (await observer.ExistsAsync("/a-eph")).Err);
            await using (var refused = await WireClient.ConnectAsync(server.Port, TimeoutMs, leaving, leavingPassword))
            {
                Assert.Equal(0, refused.SessionId);
            }

            // A session that stops pinging after the restart expires too.
            Assert.Equal(ErrorCode.Ok, (await observer.ExistsAsync("/a-eph", watch: true)).Err);
            a.Abort();
            await observer.NextEventAsync(e => e.Path == "/a-eph" && e.Type == (int)EventType.NodeDeleted, TimeSpan.FromSeconds(15));
            await server.KillAsync();
        }

        // The expiries were logged like any txn: neither session nor ephemeral comes back a second time.
        await using (var server = await Servers.StartZkNetAsync(dir, Config))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/a-eph")).Err);
            Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync("/b-eph")).Err);
            await using var refused = await WireClient.ConnectAsync(server.Port, TimeoutMs, returning, returningPassword);
            Assert.Equal(0, refused.SessionId);
        }
    }
}
