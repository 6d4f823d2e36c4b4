using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;

namespace ZkNet.Client.Tests.Ergonomics;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Exponential_backoff_grows_within_its_range_stops_at_the_cap_and_gives_up_after_max_retries()
    {
        var policy = new ExponentialBackoffRetry(TimeSpan.FromMilliseconds(10), maxRetries: 5, maxDelay: TimeSpan.FromMilliseconds(100), new Random(7));
        for (var retry = 0; retry < 5; retry++)
        {
            var delay = policy.NextDelay(retry, TimeSpan.Zero);
            Assert.NotNull(delay);
            Assert.InRange(delay.Value, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(Math.Min(100, 10 << (retry + 1))));
        }
        Assert.Null(policy.NextDelay(5, TimeSpan.Zero));
        var capped = new ExponentialBackoffRetry(TimeSpan.FromSeconds(1), maxRetries: 29, maxDelay: TimeSpan.FromSeconds(3), new Random(1));
        Assert.All(Enumerable.Range(10, 10), retry => Assert.True(capped.NextDelay(retry, TimeSpan.Zero) <= TimeSpan.FromSeconds(3)));
        Assert.Equal(ExponentialBackoffRetry.MaxRetriesLimit, new ExponentialBackoffRetry(TimeSpan.FromMilliseconds(1), 1000).MaxRetries);
    }

    [Fact]
    public void Bounded_and_until_elapsed_policies_give_up_where_they_say()
    {
        var bounded = new RetryNTimes(2, TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(5), bounded.NextDelay(0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(5), bounded.NextDelay(1, TimeSpan.FromHours(1)));
        Assert.Null(bounded.NextDelay(2, TimeSpan.Zero));

        var elapsed = new RetryUntilElapsed(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), elapsed.NextDelay(50, TimeSpan.FromMilliseconds(900)));
        Assert.Null(elapsed.NextDelay(0, TimeSpan.FromMilliseconds(901)));
    }

    [Fact]
    public async Task Retry_loop_retries_connection_loss_but_not_other_errors()
    {
        var attempts = 0;
        var result = await RetryLoop.RunAsync(new RetryNTimes(3, TimeSpan.Zero), _ =>
        {
            attempts++;
            return attempts < 3 ? Task.FromException<int>(new ConnectionLossException()) : Task.FromResult(42);
        });
        Assert.Equal(42, result);
        Assert.Equal(3, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<NoNodeException>(() => RetryLoop.RunAsync(new RetryNTimes(3, TimeSpan.Zero), _ =>
        {
            attempts++;
            return Task.FromException(new NoNodeException("/x"));
        }));
        Assert.Equal(1, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<OperationTimeoutException>(() => RetryLoop.RunAsync(new RetryNTimes(2, TimeSpan.Zero), _ =>
        {
            attempts++;
            return Task.FromException(new OperationTimeoutException());
        }));
        Assert.Equal(3, attempts);
    }
}
