using ZkNet.LoadGen.Measurement;

namespace ZkNet.LoadGen.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Every_value_falls_in_a_bucket_whose_bounds_hold_it_within_one_sixty_fourth()
    {
        var previous = -1;
        for (long value = 0; value < 1L << 40; value = (value * 17 / 16) + 1)
        {
            var index = LatencyHistogram.IndexOf(value);
            Assert.True(index >= previous, $"index of {value} went backwards");
            previous = index;
            var low = LatencyHistogram.LowerBound(index);
            var nextLow = LatencyHistogram.LowerBound(index + 1);
            Assert.InRange(value, low, nextLow - 1);
            Assert.True(nextLow - low <= Math.Max(1, low / 64), $"bucket [{low}, {nextLow}) is wider than 1/64 of {low}");
        }
    }

    [Fact]
    public void Quantiles_of_a_uniform_spread_are_within_two_percent()
    {
        var histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++)
        {
            histogram.Record(micros * 1000);
        }
        Assert.Equal(10_000, histogram.Count);
        Assert.Equal(1_000, histogram.Min);
        Assert.Equal(10_000_000, histogram.Max);
        foreach (var (q, expected) in new[] { (0.5, 5_000_000.0), (0.99, 9_900_000.0), (0.999, 9_990_000.0) })
        {
            var actual = histogram.ValueAt(q);
            Assert.True(Math.Abs(actual - expected) / expected < 0.02, $"p{q * 100} was {actual}, expected about {expected}");
        }
    }

    [Fact]
    public void A_rare_slow_reply_shows_at_the_top_quantile_only()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 999; i++)
        {
            histogram.Record(100_000);
        }
        histogram.Record(50_000_000);
        Assert.InRange(histogram.ValueAt(0.99), 98_000, 102_000);
        Assert.InRange(histogram.ValueAt(0.999), 98_000, 102_000);
        Assert.InRange(histogram.ValueAt(1.0), 49_000_000, 50_000_000);
    }

    [Fact]
    public void Merged_histograms_count_every_value_of_both()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(1_000);
        b.Record(2_000_000);
        b.Record(3_000_000);
        a.Add(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(1_000, a.Min);
        Assert.Equal(3_000_000, a.Max);
        Assert.InRange(a.ValueAt(0.5), 1_970_000, 2_030_000);
    }
}
