using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// An observer (server.N=...:observer, peerType=observer) serves clients like a follower, learns commits from the
/// leader's INFORM, and never votes: it neither makes up a quorum nor keeps a leader that has lost one.
/// </summary>
public sealed class ObserverTests : IAsyncLifetime
{
    private readonly EnsembleHarness _ensemble = new(3, observers: 1);

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task An_observer_serves_reads_and_writes_and_does_not_count_toward_a_quorum()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        const long observer = 4;
        Assert.Equal(ServerRole.Observing, _ensemble.Member(observer).Core.Role);

        await using (var onObserver = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(observer)))
        await using (var onLeader = await EnsembleHarness.ConnectAsync(_ensemble.ConnectStringOf(leader)))
        {
            await onObserver.CreateAsync("/via-observer", null, Acl.OpenAclUnsafe);
            await onLeader.CreateAsync("/via-leader", null, Acl.OpenAclUnsafe);
            await onObserver.SyncAsync("/");
            Assert.NotNull(await onObserver.ExistsAsync("/via-leader"));
            Assert.NotNull(await onLeader.ExistsAsync("/via-observer"));
        }

        // Two voters gone: the last voter and the observer are not a quorum of three voters, so leadership ends.
        var voters = _ensemble.Ids.Where(id => id != observer).ToList();
        var remaining = voters.Contains(leader) ? leader : voters[0];
        foreach (var id in voters.Where(id => id != remaining))
        {
            await _ensemble.StopAsync(id);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_ensemble.Member(remaining).Core.IsServing && DateTime.UtcNow < deadline)
        {
            // The leader notices within syncLimit ticks; there is no event to await across members.
            await Task.Delay(50);
        }
        Assert.False(_ensemble.Member(remaining).Core.IsServing, "a lone voter kept serving with only an observer beside it");
    }
}
