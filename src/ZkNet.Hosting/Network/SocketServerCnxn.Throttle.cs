using Microsoft.Extensions.Logging;

namespace ZkNet.Hosting.Network;

/// <summary>
/// Back-pressure: the reader stops taking bytes from the socket while this connection has too many requests queued
/// for the processor (or the server as a whole has more than globalOutstandingLimit and this connection already has
/// one), or too many reply bytes its client has not read yet. The kernel's receive buffer then fills and TCP stops
/// the sender, as Apache ZooKeeper's NIOServerCnxn.disableRecv does. Reading resumes once both have drained to half
/// their limit, so a client that pipelines without reading holds a bounded amount of memory and other connections
/// wait behind at most a bounded queue.
/// </summary>
internal sealed partial class SocketServerCnxn
{
    private int _outstanding;
    private long _queuedBytes;
    private TaskCompletionSource? _resume;
    private int _throttleLogged;

    /// <inheritdoc />
    protected override void OnRequestTaken()
    {
        Interlocked.Decrement(ref _outstanding);
        ResumeIfDrained();
    }

    /// <summary>Counts a request the reader is about to submit.</summary>
    private void CountSubmitted() => Interlocked.Increment(ref _outstanding);

    /// <summary>Counts reply bytes handed to the writer (negative once sent or dropped).</summary>
    private void CountQueued(long bytes)
    {
        Interlocked.Add(ref _queuedBytes, bytes);
        if (bytes < 0)
        {
            ResumeIfDrained();
        }
    }

    private bool OutputBacklogged => Interlocked.Read(ref _queuedBytes) > _limits.MaxQueuedOutputBytes;

    /// <summary>More unsent reply bytes than the reader resumes at: a reader paused for output stays paused.</summary>
    private bool ClientNotReading => Interlocked.Read(ref _queuedBytes) > _limits.MaxQueuedOutputBytes / 2;

    private bool ShouldPause()
    {
        var mine = Volatile.Read(ref _outstanding);
        return mine >= _limits.MaxOutstandingRequests
            || (mine > 0 && Volatile.Read(ref _server.Stats.Outstanding) > _limits.GlobalOutstandingLimit)
            || OutputBacklogged;
    }

    private bool MayResume()
    {
        var mine = Volatile.Read(ref _outstanding);
        return mine <= _limits.MaxOutstandingRequests / 2
            && (mine == 0 || Volatile.Read(ref _server.Stats.Outstanding) <= _limits.GlobalOutstandingLimit)
            && Interlocked.Read(ref _queuedBytes) <= _limits.MaxQueuedOutputBytes / 2;
    }

    /// <summary>Returns at once unless a limit is exceeded; otherwise waits until the connection drained or closed.</summary>
    private ValueTask WaitWhileThrottledAsync() => ShouldPause() ? new ValueTask(PauseAsync()) : ValueTask.CompletedTask;

    private async Task PauseAsync()
    {
        if (Interlocked.Exchange(ref _throttleLogged, 1) == 0)
        {
            LogThrottled(Remote, Volatile.Read(ref _outstanding), Interlocked.Read(ref _queuedBytes));
        }
        while (Volatile.Read(ref _closed) == 0)
        {
            var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Published with a full fence before the state is checked again, and every state change is an
            // interlocked operation followed by a look at _resume: one side always sees the other (no lost wake-up).
            Interlocked.Exchange(ref _resume, resume);
            if (MayResume() || Volatile.Read(ref _closed) != 0)
            {
                Interlocked.CompareExchange(ref _resume, null, resume);
                return;
            }
            await resume.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the reader if it waits and the connection has drained (processor, writer or Close).</summary>
    private void ResumeIfDrained(bool force = false)
    {
        var resume = Volatile.Read(ref _resume);
        if (resume is not null && (force || MayResume()) && Interlocked.CompareExchange(ref _resume, null, resume) == resume)
        {
            resume.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Throttling reads from {Remote}: {Outstanding} requests queued, {QueuedBytes} reply bytes unsent (logged once per connection)")]
    private partial void LogThrottled(System.Net.IPEndPoint remote, int outstanding, long queuedBytes);
}
