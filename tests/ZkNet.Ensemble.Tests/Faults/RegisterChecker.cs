namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// A linearizability checker for one read/write register (Wing and Gong's search with Lowe's memoisation of
/// (linearized set, register value), as Knossos and Porcupine do): finds an order of the operations that respects
/// real time (an operation that completed before another was invoked comes first) in which every read returns the
/// latest write, or reports that none exists.
/// </summary>
/// <remarks>
/// A read with an unknown outcome says nothing and is dropped. A write with an unknown outcome may have taken effect at
/// any time after its invocation, or never: if nobody read its value it is dropped (leaving it out of any linearization
/// changes no read), otherwise it took effect before the first completed read of its value, which bounds it.
/// Values written must be unique.
/// </remarks>
internal static class RegisterChecker
{
    /// <summary>Returns null when the history is linearizable, else a description of where the search got stuck.</summary>
    public static string? Check(IReadOnlyList<RegisterOp> history, string initial, int budget = 5_000_000)
    {
        var readDone = history.Where(o => !o.IsWrite && o.Completed is not null)
            .GroupBy(o => o.Value).ToDictionary(g => g.Key, g => g.Min(o => o.Completed!.Value), StringComparer.Ordinal);
        var ops = new List<RegisterOp>();
        foreach (var op in history)
        {
            if (op.Completed is not null)
            {
                ops.Add(op);
            }
            else if (op.IsWrite && readDone.TryGetValue(op.Value, out var firstRead))
            {
                ops.Add(op with { Completed = Math.Max(firstRead, op.Invoked) });
            }
        }
        if (ops.Count == 0)
        {
            return null;
        }

        // Events in time order (a call before a return at the same instant: the weaker claim), in a doubly linked list.
        var head = new Entry(-1, false);
        var last = head;
        var events = ops.SelectMany((op, i) => new[] { (Time: op.Invoked, IsCall: true, Index: i), (Time: op.Completed!.Value, IsCall: false, Index: i) })
            .OrderBy(e => e.Time).ThenBy(e => e.IsCall ? 0 : 1).ToList();
        var calls = new Entry[ops.Count];
        var returns = new Entry[ops.Count];
        foreach (var e in events)
        {
            var entry = new Entry(e.Index, e.IsCall) { Prev = last };
            last.Next = entry;
            last = entry;
            (e.IsCall ? calls : returns)[e.Index] = entry;
        }
        for (var i = 0; i < ops.Count; i++)
        {
            calls[i].Match = returns[i];
        }

        var linearized = new ulong[(ops.Count + 63) / 64];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(Entry Call, string State)>();
        var state = initial;
        var best = 0;
        var bestSet = (ulong[])linearized.Clone();
        var current = head.Next;
        var steps = 0;
        while (head.Next is not null)
        {
            if (++steps > budget)
            {
                return $"undecided: the search passed its budget of {budget} steps over {ops.Count} operations";
            }
            if (current!.IsCall)
            {
                var op = ops[current.Index];
                var (ok, next) = op.IsWrite ? (true, op.Value) : (op.Value == state, state);
                if (ok)
                {
                    linearized[current.Index / 64] |= 1UL << (current.Index % 64);
                    if (seen.Add(Key(linearized, next)))
                    {
                        stack.Push((current, state));
                        state = next;
                        Lift(current);
                        if (stack.Count > best)
                        {
                            best = stack.Count;
                            bestSet = (ulong[])linearized.Clone();
                        }
                        current = head.Next;
                        continue;
                    }
                    linearized[current.Index / 64] &= ~(1UL << (current.Index % 64));
                }
                current = current.Next;
            }
            else
            {
                // A return reached: the operation it ends had to be linearized before here. Undo the last choice.
                if (stack.Count == 0)
                {
                    return Explain(ops, bestSet, best, initial);
                }
                var (call, previous) = stack.Pop();
                state = previous;
                linearized[call.Index / 64] &= ~(1UL << (call.Index % 64));
                Unlift(call);
                current = call.Next;
            }
        }
        return null;
    }

    private static string Key(ulong[] set, string state) => string.Join(',', set) + "|" + state;

    private static void Lift(Entry call)
    {
        call.Prev!.Next = call.Next;
        call.Next!.Prev = call.Prev;
        var ret = call.Match!;
        ret.Prev!.Next = ret.Next;
        if (ret.Next is not null)
        {
            ret.Next.Prev = ret.Prev;
        }
    }

    private static void Unlift(Entry call)
    {
        var ret = call.Match!;
        ret.Prev!.Next = ret;
        if (ret.Next is not null)
        {
            ret.Next.Prev = ret;
        }
        call.Prev!.Next = call;
        call.Next!.Prev = call;
    }

    private static string Explain(List<RegisterOp> ops, ulong[] bestSet, int best, string initial)
    {
        bool In(int i) => (bestSet[i / 64] & (1UL << (i % 64))) != 0;
        var stuck = Enumerable.Range(0, ops.Count).Where(i => !In(i)).OrderBy(i => ops[i].Completed).First();
        var around = ops.Where(o => o.Invoked <= ops[stuck].Completed && o.Completed >= ops[stuck].Invoked - 2_000_000).OrderBy(o => o.Invoked).Take(40);
        return $"not linearizable (initial value {initial}): at most {best} of {ops.Count} operations linearize; none can place {ops[stuck]}. " +
            "Operations around it (times in microseconds):\n" + string.Join("\n", around);
    }

    private sealed class Entry(int index, bool isCall)
    {
        public int Index { get; } = index;

        public bool IsCall { get; } = isCall;

        public Entry? Match { get; set; }

        public Entry? Prev { get; set; }

        public Entry? Next { get; set; }
    }
}
