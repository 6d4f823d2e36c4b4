using ZkNet.Ensemble.Tests.Faults;

namespace ZkNet.Ensemble.Tests;

/// <summary>The register linearizability checker finds the violations it exists for and accepts what is allowed.</summary>
public sealed class RegisterCheckerTests
{
    private static RegisterOp W(int client, string value, long from, long? to) => new(client, true, value, from, to);

    private static RegisterOp R(int client, string value, long from, long? to) => new(client, false, value, from, to);

    [Fact]
    public void A_read_of_an_overwritten_value_after_the_overwrite_completed_is_a_violation()
    {
        var verdict = RegisterChecker.Check([W(1, "a", 0, 10), W(1, "b", 20, 30), R(2, "a", 40, 50)], "init");
        Assert.NotNull(verdict);
        Assert.Contains("read a", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_concurrent_with_a_write_may_return_the_old_or_the_new_value()
    {
        Assert.Null(RegisterChecker.Check([W(1, "a", 0, 10), W(1, "b", 20, 60), R(2, "a", 30, 40), R(3, "b", 35, 45)], "init"));
        Assert.NotNull(RegisterChecker.Check([W(1, "a", 0, 10), W(1, "b", 20, 60), R(2, "b", 30, 40), R(3, "a", 41, 45)], "init"));
    }

    [Fact]
    public void A_write_with_an_unknown_outcome_may_take_effect_late_or_never()
    {
        // The lost write of b is read long after it was invoked: it took effect late.
        Assert.Null(RegisterChecker.Check([W(1, "a", 0, 10), W(2, "b", 20, null), R(3, "a", 30, 40), R(3, "b", 100, 110)], "init"));
        // Never read: it may never have happened.
        Assert.Null(RegisterChecker.Check([W(1, "a", 0, 10), W(2, "b", 20, null), R(3, "a", 100, 110)], "init"));
        // But once b was read, a cannot come back without a write of a after it.
        Assert.NotNull(RegisterChecker.Check([W(1, "a", 0, 10), W(2, "b", 20, null), R(3, "b", 30, 40), R(3, "a", 100, 110)], "init"));
    }

    [Fact]
    public void A_read_of_a_value_never_written_is_a_violation()
    {
        Assert.NotNull(RegisterChecker.Check([W(1, "a", 0, 10), R(2, "z", 20, 30)], "init"));
        Assert.Null(RegisterChecker.Check([R(2, "init", 0, 5), W(1, "a", 10, 20), R(2, "a", 30, 40)], "init"));
    }

    [Fact]
    public void A_long_concurrent_history_is_decided_within_the_budget()
    {
        // Four clients, each writing then reading its own value in overlapping rounds: linearizable.
        var ops = new List<RegisterOp>();
        for (var round = 0; round < 100; round++)
        {
            for (var c = 0; c < 4; c++)
            {
                var t = round * 100 + c;
                ops.Add(W(c, $"v{round}-{c}", t, t + 50));
            }
            ops.Add(R(9, $"v{round}-3", round * 100 + 60, round * 100 + 70));
        }
        Assert.Null(RegisterChecker.Check(ops, "init"));
    }
}
