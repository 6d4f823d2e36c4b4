using System.Net.Sockets;
using ZkNet.LoadGen.Wire;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Load;

/// <summary>
/// An idle session that keeps a data watch (exists with watch=true) on every key and re-arms each one as soon as
/// it fires, so every setData of the load costs the server one notification per watcher session.
/// </summary>
internal sealed class WatcherWorker(BenchSession session, BenchLayout layout, RunClock clock) : IFrameHandler
{
    public BenchSession Session => session;

    /// <summary>Notifications received during the measured time.</summary>
    public long Notifications { get; private set; }

    public string? Failure { get; private set; }

    public static async Task ArmAsync(BenchSession session, BenchLayout layout, CancellationToken ct)
    {
        var steps = layout.KeyPaths.Select(p => new ScriptStep(OpCode.Exists, new ExistsRequest(p, true))).ToList();
        await RequestScript.RunAsync(session, steps, 256, keepBodies: false, ct).ConfigureAwait(false);
    }

    /// <summary>Receives and re-arms until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await session.ReceiveAsync(ct).ConfigureAwait(false);
                session.ProcessFrames(this);
                await session.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            Failure = "watcher: " + e.Message;
        }
    }

    public void OnFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        // Replies to the re-arming exists calls need nothing: only notifications matter here.
        if (header.Xid != Xids.Notification)
        {
            return;
        }
        var watched = WatcherEvent.Deserialize(ref reader);
        var now = RunClock.Now;
        if (now >= clock.MeasureStart && now < clock.MeasureEnd)
        {
            Notifications++;
        }
        if (watched.Path.StartsWith(layout.KeysParent, StringComparison.Ordinal))
        {
            RequestWriter.Write(session.Outgoing, session.NextXid(), OpCode.Exists, new ExistsRequest(watched.Path, true));
        }
    }
}
