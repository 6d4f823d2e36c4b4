using System.Text;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// One server line with standaloneEnabled=false: ZooKeeper runs it as an ensemble of one (a quorum by itself), the
/// layout a member starts from before others are added. It elects itself, leads, serves writes, and keeps them
/// across a restart.
/// </summary>
public sealed class LoneMemberTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(1, extraConfig: _ => "standaloneEnabled=false\n");

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task A_lone_member_elects_itself_leads_and_keeps_its_writes_across_a_restart()
    {
        Assert.Equal(1, await _ensemble.WaitForQuorumAsync());
        await using (var client = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(1)))
        {
            await client.CreateAsync("/alone", Encoding.UTF8.GetBytes("one"), Acl.OpenAclUnsafe, CreateMode.Persistent);
        }

        await _ensemble.StopAsync(1);
        await _ensemble.StartAsync(1);
        Assert.Equal(1, await _ensemble.WaitForQuorumAsync());
        await using var reader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(1));
        Assert.Equal("one", Encoding.UTF8.GetString((await reader.GetDataAsync("/alone")).Data!));
        Assert.Equal("leader", _ensemble.Member(1).Core.ModeName);

        // The member holds its data directory for its whole life: another server on it is refused.
        var refused = await Assert.ThrowsAsync<StartupException>(() => ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0, ClientPortAddress = "127.0.0.1", DataDir = _ensemble.DataDir(1),
        }));
        Assert.Contains("in use by another server", refused.Message, StringComparison.Ordinal);
    }
}
