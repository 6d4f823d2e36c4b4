using ZkNet.Ensemble.Tests.Faults;

namespace ZkNet.Ensemble.Tests;

/// <summary>The lock-overlap checker on made-up histories: it must catch an overlap, or the lock tests prove nothing.</summary>
public sealed class HoldHistoryTests
{
    private static HoldEvent Enter(string holder, long session, long time) => new(HoldEventKind.Enter, holder, session, time);

    private static HoldEvent Exit(string holder, long session, long time) => new(HoldEventKind.Exit, holder, session, time);

    [Fact]
    public void Holds_one_after_another_pass()
    {
        var verdict = HoldHistory.Check([Enter("a", 1, 10), Exit("a", 1, 20), Enter("b", 2, 21), Exit("b", 2, 30), Enter("a", 1, 31), Exit("a", 1, 40)]);
        Assert.Equal(3, verdict.Holds);
        Assert.Empty(verdict.Violations);
        Assert.Empty(verdict.Excused);
    }

    [Fact]
    public void A_hold_entered_before_the_previous_one_exits_is_a_violation_whatever_order_the_reports_arrive_in()
    {
        var verdict = HoldHistory.Check([Enter("b", 2, 15), Enter("a", 1, 10), Exit("b", 2, 30), Exit("a", 1, 20)]);
        Assert.Single(verdict.Violations);
        Assert.Contains("b (session 0x2) entered at 15 while a (session 0x1) held the lock from 10 to 20", verdict.Violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlap_nested_inside_a_long_hold_is_found_against_every_holder_it_overlaps()
    {
        var verdict = HoldHistory.Check([
            Enter("a", 1, 0), Enter("b", 2, 10), Enter("c", 3, 15), Exit("b", 2, 20), Exit("c", 3, 30), Exit("a", 1, 100),
            new HoldEvent(HoldEventKind.Lost, "a", 1, 50)]);
        // a's session was lost: its overlaps are excused; b and c both lived, so theirs is not.
        Assert.Equal(2, verdict.Excused.Count);
        Assert.Single(verdict.Violations);
        Assert.Contains("c (session 0x3) entered at 15 while b (session 0x2)", verdict.Violations[0], StringComparison.Ordinal);
        Assert.Equal([1L], verdict.LostSessions);
    }

    [Fact]
    public void A_hold_that_never_exits_conflicts_with_every_later_hold()
    {
        var verdict = HoldHistory.Check([Enter("a", 1, 10), Enter("b", 2, 20), Exit("b", 2, 30)]);
        Assert.Single(verdict.Violations);
        Assert.Contains("held the lock from 10 to the end", verdict.Violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Contender_lines_are_parsed_and_other_lines_ignored()
    {
        var history = new HoldHistory();
        Assert.True(history.TryAdd("ENTER curator0 3000288b13f0000 123456789"));
        Assert.True(history.TryAdd("LOST kazoo1 ff 5"));
        Assert.False(history.TryAdd("ERROR kazoo1 acquire ConnectionLoss()"));
        Assert.Equal([new HoldEvent(HoldEventKind.Enter, "curator0", 0x3000288b13f0000, 123456789), new HoldEvent(HoldEventKind.Lost, "kazoo1", 0xff, 5)],
            history.Events);
    }
}
