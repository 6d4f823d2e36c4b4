using System.Diagnostics;
using System.Globalization;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// The holds of one lock as its contenders report them, from every process: an Enter right after the lock was
/// acquired and an Exit right before it is released, so each recorded interval lies inside the real hold, and two that
/// overlap mean two contenders held the lock at once. Timestamps are CLOCK_MONOTONIC nanoseconds, which Java's
/// System.nanoTime, Python's time.monotonic_ns and .NET's Stopwatch all read on Linux, so they compare across processes.
/// </summary>
internal sealed class HoldHistory
{
    private readonly List<HoldEvent> _events = [];
    private readonly List<(Func<HoldEvent, bool> Match, TaskCompletionSource<HoldEvent> Signal)> _waiting = [];

    /// <summary>Now on CLOCK_MONOTONIC, in nanoseconds (.NET's Stopwatch reads that clock on Linux, in nanoseconds).</summary>
    public static long Now()
    {
        Assert.Equal(1_000_000_000, Stopwatch.Frequency);
        return Stopwatch.GetTimestamp();
    }

    public IReadOnlyList<HoldEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Add(HoldEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
            foreach (var waiting in _waiting.Where(w => w.Match(e)).ToList())
            {
                _waiting.Remove(waiting);
                waiting.Signal.TrySetResult(e);
            }
        }
    }

    /// <summary>Adds a contender program's "ENTER|EXIT|LOST holder session-hex time" line; false for any other line.</summary>
    public bool TryAdd(string line)
    {
        var parts = line.Split(' ');
        HoldEventKind? kind = parts[0] switch { "ENTER" => HoldEventKind.Enter, "EXIT" => HoldEventKind.Exit, "LOST" => HoldEventKind.Lost, _ => null };
        if (kind is null || parts.Length != 4)
        {
            return false;
        }
        Add(new HoldEvent(kind.Value, parts[1], long.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture)));
        return true;
    }

    /// <summary>Completes with the first event added from now on that matches.</summary>
    public Task<HoldEvent> NextAsync(Func<HoldEvent, bool> match)
    {
        var signal = new TaskCompletionSource<HoldEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            _waiting.Add((match, signal));
        }
        return signal.Task;
    }

    /// <summary>
    /// Finds every pair of holds that overlap. ZooKeeper's lock promises mutual exclusion only to holders whose session
    /// lives: a holder whose session expired (reported Lost) may be overlapped once its lock node is gone, so a pair
    /// with a lost session on either side is excused and listed apart; every other overlap is a violation. A hold with
    /// no Exit lasts to the end of the history.
    /// </summary>
    public static HoldVerdict Check(IReadOnlyList<HoldEvent> events)
    {
        var lost = events.Where(e => e.Kind == HoldEventKind.Lost).Select(e => e.Session).ToHashSet();
        var open = new Dictionary<string, HoldEvent>(StringComparer.Ordinal);
        var holds = new List<Hold>();
        var violations = new List<string>();
        foreach (var e in events.OrderBy(e => e.Time))
        {
            if (e.Kind == HoldEventKind.Enter)
            {
                if (open.Remove(e.Holder, out var unfinished))
                {
                    violations.Add($"{e.Holder} entered at {e.Time} while its hold from {unfinished.Time} never ended");
                    holds.Add(new Hold(unfinished, long.MaxValue));
                }
                open[e.Holder] = e;
            }
            else if (e.Kind == HoldEventKind.Exit && open.Remove(e.Holder, out var enter))
            {
                holds.Add(new Hold(enter, e.Time));
            }
        }
        holds.AddRange(open.Values.Select(enter => new Hold(enter, long.MaxValue)));
        holds.Sort((a, b) => a.Enter.Time.CompareTo(b.Enter.Time));

        var excused = new List<string>();
        var active = new List<Hold>();
        foreach (var hold in holds)
        {
            active.RemoveAll(earlier => earlier.End <= hold.Enter.Time);
            foreach (var earlier in active)
            {
                var pair = $"{hold.Enter.Holder} (session 0x{hold.Enter.Session:x}) entered at {hold.Enter.Time} while {earlier.Enter.Holder} " +
                    $"(session 0x{earlier.Enter.Session:x}) held the lock from {earlier.Enter.Time} to {(earlier.End == long.MaxValue ? "the end" : earlier.End)}";
                (lost.Contains(hold.Enter.Session) || lost.Contains(earlier.Enter.Session) ? excused : violations).Add(pair);
            }
            active.Add(hold);
        }
        return new HoldVerdict(holds.Count, violations, excused, [.. lost]);
    }

    private readonly record struct Hold(HoldEvent Enter, long End);
}

/// <summary>What <see cref="HoldHistory.Check"/> found.</summary>
/// <param name="Holds">Holds in the history.</param>
/// <param name="Violations">Overlaps between holders whose sessions lived: mutual exclusion broken.</param>
/// <param name="Excused">Overlaps involving a lost session, which ZooKeeper's lock does not protect.</param>
/// <param name="LostSessions">Sessions reported lost.</param>
internal sealed record HoldVerdict(int Holds, IReadOnlyList<string> Violations, IReadOnlyList<string> Excused, IReadOnlyList<long> LostSessions);
