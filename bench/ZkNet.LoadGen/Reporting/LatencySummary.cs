using ZkNet.LoadGen.Measurement;

namespace ZkNet.LoadGen.Reporting;

/// <summary>Latency figures in milliseconds, from send to reply, as the load generator saw them.</summary>
internal sealed record LatencySummary(double Min, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary From(LatencyHistogram histogram)
    {
        static double Ms(double ns) => Math.Round(ns / 1e6, 4);
        return histogram.Count == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
            : new LatencySummary(Ms(histogram.Min), Ms(histogram.Mean), Ms(histogram.ValueAt(0.50)), Ms(histogram.ValueAt(0.90)),
                Ms(histogram.ValueAt(0.99)), Ms(histogram.ValueAt(0.999)), Ms(histogram.Max));
    }
}
