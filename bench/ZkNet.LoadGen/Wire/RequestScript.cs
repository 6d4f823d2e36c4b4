using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Wire;

/// <summary>
/// Runs a list of requests on a session with up to <c>window</c> outstanding, for setting up and tearing down
/// a run's nodes (not measured). Replies come back in xid order, so the i-th reply answers the i-th step.
/// </summary>
internal static class RequestScript
{
    public static async Task<ScriptReply[]> RunAsync(BenchSession session, IReadOnlyList<ScriptStep> steps, int window,
        bool keepBodies, CancellationToken ct)
    {
        var collector = new Collector(steps.Count, keepBodies);
        var next = 0;
        while (collector.Done < steps.Count)
        {
            while (next < steps.Count && next - collector.Done < window)
            {
                var xid = session.NextXid();
                collector.Expect(xid);
                RequestWriter.Write(session.Outgoing, xid, steps[next].Op, steps[next].Record);
                next++;
            }
            await session.FlushAsync(ct).ConfigureAwait(false);
            await session.ReceiveAsync(ct).ConfigureAwait(false);
            session.ProcessFrames(collector);
        }
        return collector.Replies;
    }

    private sealed class Collector(int count, bool keepBodies) : IFrameHandler
    {
        private readonly Queue<int> _expected = new();

        public ScriptReply[] Replies { get; } = new ScriptReply[count];

        public int Done { get; private set; }

        public void Expect(int xid) => _expected.Enqueue(xid);

        public void OnFrame(ReadOnlySpan<byte> frame)
        {
            var reader = new JuteReader(frame);
            var header = ReplyHeader.Deserialize(ref reader);
            if (header.Xid is Xids.Notification or Xids.Ping)
            {
                return;
            }
            if (!_expected.TryDequeue(out var xid) || xid != header.Xid)
            {
                throw new IOException($"reply xid {header.Xid} out of order (expected {xid})");
            }
            Replies[Done++] = new ScriptReply(header.Err, keepBodies ? reader.RemainingSpan.ToArray() : null);
        }
    }
}
