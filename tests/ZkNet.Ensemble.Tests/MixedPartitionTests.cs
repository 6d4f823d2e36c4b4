using Xunit.Abstractions;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// The leader-isolation partition of <see cref="PartitionTests"/> in ensembles mixing ZkNet and Apache ZooKeeper 3.8
/// members: a ZkNet leader with Apache followers, and an Apache leader with ZkNet followers (the highest id leads, as
/// in <see cref="MixedEnsembleTests"/>). Either kind of leader cut off is replaced, stops serving and rejoins as a
/// follower; no acknowledged write is lost, the trees converge and the register stays linearizable.
/// </summary>
public sealed class MixedPartitionTests(ITestOutputHelper output)
{
    public static TheoryData<ServerKind[]> Layouts => new()
    {
        { [ServerKind.ApacheZooKeeper, ServerKind.ApacheZooKeeper, ServerKind.ZkNet] },
        { [ServerKind.ZkNet, ServerKind.ZkNet, ServerKind.ApacheZooKeeper] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public Task An_isolated_leader_of_a_mixed_ensemble_is_replaced_and_rejoins_with_every_acknowledged_write(ServerKind[] kinds) =>
        PartitionTests.LeaderIsolationAsync(kinds, startInOrder: true, output);
}
