using ZkNet.Server.Sessions;

namespace ZkNet.Server.Tests.Sessions;

/// <summary>ZooKeeper's bucketed expiry: deadlines round up to the next tick boundary.</summary>
public sealed class ExpiryQueueTests
{
    private const long Tick = 2000;

    [Theory]
    [InlineData(10_000, 4000, 16_000)]
    [InlineData(10_001, 4000, 16_000)]
    [InlineData(11_999, 4000, 16_000)]
    [InlineData(12_000, 4000, 18_000)]
    [InlineData(0, 1, 2000)]
    public void Deadline_rounds_up_to_the_next_multiple_of_the_tick(long now, long timeout, long expected)
    {
        var queue = new ExpiryQueue<string>(Tick, 0);

        queue.Update("s", timeout, now);

        Assert.Equal(expected, queue.ExpiryOf("s"));
    }

    [Fact]
    public void Deadline_exactly_on_a_boundary_still_goes_to_the_next_bucket()
    {
        // ZooKeeper's roundToNextInterval: (time / interval + 1) * interval, so 14000 becomes 16000.
        var queue = new ExpiryQueue<string>(Tick, 0);

        queue.Update("s", 4000, 10_000);

        Assert.Equal(16_000, queue.ExpiryOf("s"));
    }

    [Fact]
    public void Poll_returns_nothing_before_the_bucket_is_due_and_everything_in_it_after()
    {
        var queue = new ExpiryQueue<string>(Tick, 10_000);
        queue.Update("a", 4000, 10_000);
        queue.Update("b", 4000, 11_500);
        queue.Update("c", 6000, 10_000);

        Assert.Empty(queue.Poll(15_999));
        Assert.Equal(["a", "b"], queue.Poll(16_000).Order(StringComparer.Ordinal));
        Assert.Null(queue.ExpiryOf("a"));
        Assert.Equal(1, queue.Count);
        Assert.Empty(queue.Poll(17_999));
        Assert.Equal(["c"], queue.Poll(18_000));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Poll_catches_up_over_several_missed_buckets()
    {
        var queue = new ExpiryQueue<string>(Tick, 0);
        queue.Update("a", 1000, 0);
        queue.Update("b", 5000, 0);

        Assert.Equal(["a", "b"], queue.Poll(100_000).Order(StringComparer.Ordinal));
        Assert.True(queue.NextExpiration > 100_000);
    }

    [Fact]
    public void Touch_moves_an_item_to_a_later_bucket()
    {
        var queue = new ExpiryQueue<string>(Tick, 0);
        queue.Update("s", 4000, 0);

        queue.Update("s", 4000, 3000);

        Assert.Equal(8000, queue.ExpiryOf("s"));
        Assert.Empty(queue.Poll(6000));
        Assert.Equal(["s"], queue.Poll(8000));
    }

    [Fact]
    public void Removed_item_never_expires()
    {
        var queue = new ExpiryQueue<string>(Tick, 0);
        queue.Update("s", 4000, 0);

        Assert.True(queue.Remove("s"));
        Assert.False(queue.Remove("s"));
        Assert.Empty(queue.Poll(1_000_000));
    }

    [Fact]
    public void Next_expiration_starts_at_the_boundary_after_creation()
    {
        Assert.Equal(12_000, new ExpiryQueue<string>(Tick, 10_000).NextExpiration);
        Assert.Equal(12_000, new ExpiryQueue<string>(Tick, 11_999).NextExpiration);
    }
}
