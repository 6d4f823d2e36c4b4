using ZkNet.Server.Throttling;

namespace ZkNet.Server.Tests.Throttling;

public sealed class ThrottleTests
{
    [Fact]
    public void The_bucket_lets_a_burst_through_then_refills_at_its_rate()
    {
        var throttle = new ConnectionThrottle(new ConnectionThrottleSettings { MaxTokens = 3, FillTimeMs = 100, FillCount = 1 }, nowMs: 0);

        Assert.True(throttle.TryTake(1, 0));
        Assert.True(throttle.TryTake(1, 0));
        Assert.True(throttle.TryTake(1, 0));
        Assert.False(throttle.TryTake(1, 50));
        Assert.Equal(3, throttle.Deficit);
        Assert.True(throttle.TryTake(1, 150));
        Assert.False(throttle.TryTake(1, 150));
        // Never past the bucket's size, however long it rests.
        Assert.True(throttle.TryTake(3, 100_000));
        Assert.False(throttle.TryTake(1, 100_000));
    }

    [Fact]
    public void Zero_tokens_turns_the_throttle_off()
    {
        var throttle = new ConnectionThrottle(new ConnectionThrottleSettings(), nowMs: 0);

        Assert.False(throttle.Enabled);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(throttle.TryTake(1, 0)));
    }

    [Fact]
    public void Weighted_a_new_session_costs_more_than_a_returning_one_and_the_bucket_is_counted_in_new_sessions()
    {
        var throttle = new ConnectionThrottle(new ConnectionThrottleSettings
        {
            MaxTokens = 2, FillTimeMs = 1_000_000, WeightEnabled = true, GlobalSessionWeight = 3, RenewSessionWeight = 2,
        }, nowMs: 0);

        Assert.Equal(3, throttle.Cost(newSession: true));
        Assert.Equal(2, throttle.Cost(newSession: false));
        Assert.True(throttle.TryTake(throttle.Cost(newSession: true), 0));
        Assert.True(throttle.TryTake(throttle.Cost(newSession: false), 0));
        Assert.False(throttle.TryTake(throttle.Cost(newSession: false), 0));
        Assert.True(throttle.TryTake(1, 0));
    }

    [Fact]
    public void Weighted_a_session_that_starts_local_costs_the_local_weight_and_no_weight_falls_below_it()
    {
        var throttle = new ConnectionThrottle(new ConnectionThrottleSettings
        {
            MaxTokens = 1, FillTimeMs = 1_000_000, WeightEnabled = true, GlobalSessionWeight = 3, RenewSessionWeight = 2, LocalSessionWeight = 1,
        }, nowMs: 0);
        Assert.Equal(1, throttle.Cost(newSession: true, local: true));
        Assert.Equal(3, throttle.Cost(newSession: true, local: false));
        Assert.Equal(2, throttle.Cost(newSession: false, local: true));
        // The bucket holds one global session's worth: three local ones.
        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(throttle.TryTake(throttle.Cost(newSession: true, local: true), 0)));
        Assert.False(throttle.TryTake(throttle.Cost(newSession: true, local: true), 0));

        // As BlueThrottle settles them: global and renew weights below the local one are raised to it, and a local
        // weight not above 0 is 1.
        var raised = new ConnectionThrottle(new ConnectionThrottleSettings
        {
            MaxTokens = 1, WeightEnabled = true, GlobalSessionWeight = 2, RenewSessionWeight = 1, LocalSessionWeight = 4,
        }, nowMs: 0);
        Assert.Equal(4, raised.Cost(newSession: true));
        Assert.Equal(4, raised.Cost(newSession: false));
        // ... and the bucket is counted in global sessions at the raised weight.
        Assert.True(raised.TryTake(4, 0));
        Assert.False(raised.TryTake(1, 0));
        var defaulted = new ConnectionThrottle(new ConnectionThrottleSettings { MaxTokens = 1, WeightEnabled = true, LocalSessionWeight = 0 }, nowMs: 0);
        Assert.Equal(1, defaulted.Cost(newSession: true, local: true));
    }

    [Fact]
    public void Blue_drops_at_random_while_the_bucket_stays_empty_and_stops_once_it_recovers()
    {
        var throttle = new ConnectionThrottle(new ConnectionThrottleSettings
        {
            MaxTokens = 1, FillTimeMs = 1000, FillCount = 1, FreezeTimeMs = 5, DropIncrease = 1, DropDecrease = 1,
        }, nowMs: 0, new Random(7));

        Assert.True(throttle.TryTake(1, 0));
        // Empty at the next freeze: the drop probability rises to 1, so even a refilled token is refused meanwhile.
        Assert.False(throttle.TryTake(1, 10));
        Assert.False(throttle.TryTake(1, 12));
        // After a refill the bucket is full again at the next freeze: the probability falls back to 0.
        Assert.True(throttle.TryTake(1, 2000));
    }

    [Fact]
    public void The_large_request_budget_counts_only_large_requests_and_gives_back_what_was_processed()
    {
        var budget = new LargeRequestBudget(threshold: 1024, maxBytes: 4096);

        Assert.False(budget.IsLarge(1024));
        Assert.True(budget.TryReserve(500));
        Assert.Equal(0, budget.InUse);
        Assert.True(budget.TryReserve(3000));
        Assert.False(budget.WouldFit(2000));
        Assert.False(budget.TryReserve(2000));
        Assert.Equal(3000, budget.InUse);
        budget.Release(3000);
        Assert.True(budget.TryReserve(4096));
        Assert.True(new LargeRequestBudget(-1, 0).TryReserve(1 << 20));
    }
}
