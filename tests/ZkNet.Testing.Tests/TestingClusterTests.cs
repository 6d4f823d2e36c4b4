using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Testing.Tests;

/// <summary>
/// TestingCluster is what a .NET team tests failover with, so these tests check what it promises: a real ensemble
/// that elects one leader, clients that keep their sessions through the loss of the member they are on or of the
/// leader, members that come back with what they missed, and nothing left behind.
/// </summary>
public sealed class TestingClusterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // A request caught by a member going away fails with ConnectionLoss, as with ZooKeeper, and is retried as an
    // application would; the policy's total (10 s) is bounded.
    private static readonly RetryNTimes Retry = new(40, TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task Three_members_elect_one_leader_serve_one_tree_and_dispose_leaves_nothing_behind()
    {
        var cluster = await TestingCluster.StartAsync().WaitAsync(Bound);
        string root;
        try
        {
            Assert.Equal([1L, 2L, 3L], cluster.Ids);
            var members = cluster.Members;
            Assert.Equal(3, members.Select(m => m.Port).Distinct().Count());
            Assert.Single(members, m => m.Role == MemberRole.Leading);
            Assert.Equal(2, members.Count(m => m.Role == MemberRole.Following));
            Assert.All(members, m => Assert.True(m.Serving));
            Assert.Equal(members.Single(m => m.Role == MemberRole.Leading).Id, cluster.LeaderId);
            Assert.Equal(string.Join(",", members.Select(m => m.ConnectString)), cluster.ConnectString);
            root = Path.GetDirectoryName(cluster.DataDirectoryOf(1))!;
            Assert.Equal("1", File.ReadAllText(Path.Combine(cluster.DataDirectoryOf(1), "myid")).Trim());

            await using var writer = await cluster.ConnectAsync().WaitAsync(Bound);
            await writer.CreateAsync("/shared", "one tree"u8.ToArray(), Acl.OpenAclUnsafe).WaitAsync(Bound);
            foreach (var member in members)
            {
                // Each member alone has the write (after a sync, as ZooKeeper's reads on a follower need).
                await using var reader = await cluster.ConnectAsync(o => o with { ConnectString = member.ConnectString }).WaitAsync(Bound);
                await reader.SyncAsync("/shared").WaitAsync(Bound);
                Assert.Equal("one tree"u8.ToArray(), (await reader.GetDataAsync("/shared").WaitAsync(Bound)).Data);
            }
        }
        finally
        {
            await cluster.DisposeAsync().AsTask().WaitAsync(Bound);
        }
        Assert.False(Directory.Exists(root));
        Assert.All(cluster.Members, m => Assert.Equal(MemberRole.Stopped, m.Role));
    }

    [Fact]
    public async Task A_client_keeps_its_session_when_its_member_stops_and_the_member_comes_back_with_what_it_missed()
    {
        await using var cluster = await TestingCluster.StartAsync().WaitAsync(Bound);
        var follower = cluster.Members.First(m => m.Role == MemberRole.Following);
        await using var client = await ConnectFirstToAsync(cluster, follower.Id);
        await client.CreateAsync("/mine", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).WaitAsync(Bound);
        var session = client.SessionId;
        var moved = ReconnectedAfterSuspended(client);

        await cluster.StopAsync(follower.Id).WaitAsync(Bound);
        Assert.Equal(MemberRole.Stopped, cluster.Member(follower.Id).Role);
        await moved.WaitAsync(Bound);

        // Two members are a quorum: writes go on, on the same session, whose ephemeral node lives.
        await CreateRetryingAsync(client, "/while-away");
        Assert.Equal(session, client.SessionId);
        Assert.Equal(session, (await client.ExistsAsync("/mine").WaitAsync(Bound))?.EphemeralOwner);

        await cluster.RestartAsync(follower.Id).WaitAsync(Bound);
        await cluster.WaitForQuorumAsync().WaitAsync(Bound);
        Assert.Equal(MemberRole.Following, cluster.Member(follower.Id).Role);
        await using var onRestarted = await cluster.ConnectAsync(o => o with { ConnectString = follower.ConnectString }).WaitAsync(Bound);
        await onRestarted.SyncAsync("/").WaitAsync(Bound);
        Assert.NotNull(await onRestarted.ExistsAsync("/while-away").WaitAsync(Bound));
        Assert.Equal(session, (await onRestarted.ExistsAsync("/mine").WaitAsync(Bound))?.EphemeralOwner);
    }

    [Fact]
    public async Task When_the_leader_is_killed_another_is_elected_and_a_client_on_it_keeps_its_session()
    {
        await using var cluster = await TestingCluster.StartAsync().WaitAsync(Bound);
        var leader = cluster.LeaderId!.Value;
        await using var client = await ConnectFirstToAsync(cluster, leader);
        await client.CreateAsync("/mine", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).WaitAsync(Bound);
        var session = client.SessionId;
        var moved = ReconnectedAfterSuspended(client);

        await cluster.KillAsync(leader).WaitAsync(Bound);
        var newLeader = await cluster.WaitForQuorumAsync().WaitAsync(Bound);
        Assert.NotEqual(leader, newLeader);
        Assert.Equal(newLeader, cluster.LeaderId);
        await moved.WaitAsync(Bound);

        await CreateRetryingAsync(client, "/after-failover");
        Assert.Equal(session, client.SessionId);
        Assert.Equal(session, (await client.ExistsAsync("/mine").WaitAsync(Bound))?.EphemeralOwner);

        // The old leader comes back as a follower of the new one.
        await cluster.RestartAsync(leader).WaitAsync(Bound);
        Assert.Equal(newLeader, await cluster.WaitForQuorumAsync().WaitAsync(Bound));
        Assert.Equal(MemberRole.Following, cluster.Member(leader).Role);
    }

    [Fact]
    public async Task Without_a_majority_the_cluster_reports_that_no_quorum_forms()
    {
        await using var cluster = await TestingCluster.StartAsync().WaitAsync(Bound);
        var leader = cluster.LeaderId!.Value;
        await cluster.StopAsync(leader).WaitAsync(Bound);
        await cluster.StopAsync(cluster.Ids.First(id => id != leader)).WaitAsync(Bound);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.WaitForQuorumAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("Stopped", error.Message, StringComparison.Ordinal);
        Assert.Null(cluster.LeaderId);
    }

    [Fact]
    public async Task A_cluster_of_one_member_elects_itself_and_serves_and_none_is_refused()
    {
        await using (var cluster = await TestingCluster.StartAsync(new TestingClusterOptions { Members = 1 }).WaitAsync(Bound))
        {
            Assert.Equal(1, cluster.LeaderId);
            await using var client = await cluster.ConnectAsync().WaitAsync(Bound);
            await client.CreateAsync("/one", null, Acl.OpenAclUnsafe, CreateMode.Persistent).WaitAsync(Bound);
            Assert.NotNull(await client.ExistsAsync("/one").WaitAsync(Bound));
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestingCluster.StartAsync(new TestingClusterOptions { Members = 0 }));
    }

    /// <summary>A client whose first choice is member <paramref name="id"/> (hosts are tried in order), then the others.</summary>
    private static Task<ZooKeeperClient> ConnectFirstToAsync(TestingCluster cluster, long id) =>
        cluster.ConnectAsync(o => o with
        {
            ConnectString = string.Join(",", cluster.Members.OrderBy(m => m.Id != id).Select(m => m.ConnectString)),
            ShuffleHosts = false,
        }).WaitAsync(Bound);

    /// <summary>Completes when <paramref name="client"/> reconnects to its session after losing its connection.</summary>
    private static Task ReconnectedAfterSuspended(ZooKeeperClient client)
    {
        var suspended = false;
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = client.AddConnectionStateListener(state =>
        {
            if (state == ConnectionState.Suspended)
            {
                suspended = true;
            }
            else if (state == ConnectionState.Reconnected && suspended)
            {
                reconnected.TrySetResult();
            }
            else if (state == ConnectionState.Lost)
            {
                reconnected.TrySetException(new InvalidOperationException("the session was lost"));
            }
            return ValueTask.CompletedTask;
        });
        return reconnected.Task;
    }

    private static Task CreateRetryingAsync(ZooKeeperClient client, string path) =>
        RetryLoop.RunAsync(Retry, async token =>
        {
            try
            {
                await client.CreateAsync(path, null, Acl.OpenAclUnsafe, cancellationToken: token);
            }
            catch (NodeExistsException)
            {
                // The attempt that lost its connection had been applied.
            }
        }).WaitAsync(Bound);
}
