namespace ZkNet.Durability.Tests.Crash;

/// <summary>
/// What one writer did to its own subtree in one server lifetime, and the check after a crash. A client's requests
/// are applied in the order sent and the log keeps a prefix of all txns, so the subtree after a restart must be the
/// starting state with exactly the first L writes applied, for some L at least the number of acknowledged writes:
/// an acknowledged write lost, a write torn apart (half a multi), or a value nobody wrote all fail to match.
/// </summary>
internal sealed class WriterModel
{
    private readonly Random _random;
    private readonly List<WriteOp> _sent = [];
    private Dictionary<string, NodeValue> _start = [];
    private Dictionary<string, NodeValue> _projected = [];
    private int _nextName;
    private int _nextValue;

    public WriterModel(string root, int seed)
    {
        Root = root;
        _random = new Random(seed);
    }

    public string Root { get; }

    /// <summary>Writes acknowledged over all lifetimes.</summary>
    public int TotalAcked { get; private set; }

    /// <summary>Writes sent in this lifetime.</summary>
    public int Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.Count;
            }
        }
    }

    /// <summary>How many writes, counted from the first of this lifetime, were certainly applied (the last acknowledged one and all before it).</summary>
    public int AckedPrefix
    {
        get
        {
            lock (_sent)
            {
                return _sent.FindLastIndex(op => op.Acked) + 1;
            }
        }
    }

    /// <summary>The next write, valid against the state that all writes sent so far produce.</summary>
    public WriteOp Next()
    {
        lock (_sent)
        {
            var index = _sent.Count;
            var existing = _projected.Keys.ToList();
            var roll = _random.Next(100);
            WriteOp op;
            if (existing.Count < 8 || roll < 35)
            {
                op = WriteOp.Create(index, NewPath(), NewValue());
            }
            else if (roll < 70)
            {
                var path = Pick(existing);
                op = WriteOp.SetData(index, path, NewValue(), _projected[path].Version);
            }
            else if (roll < 80)
            {
                var path = Pick(existing);
                op = WriteOp.Delete(index, path, _projected[path].Version);
            }
            else
            {
                var picks = existing.OrderBy(_ => _random.Next()).Take(3).ToArray();
                op = WriteOp.Multi(index, (NewPath(), NewValue()), (picks[0], NewValue(), _projected[picks[0]].Version),
                    (picks[1], _projected[picks[1]].Version), (picks[2], _projected[picks[2]].Version));
            }
            op.Apply(_projected);
            _sent.Add(op);
            return op;
        }
    }

    public void Acknowledge(WriteOp op)
    {
        lock (_sent)
        {
            op.Acked = true;
            TotalAcked++;
        }
    }

    /// <summary>
    /// Finds how many writes of this lifetime the recovered subtree reflects; null (with the reason) when no
    /// prefix of at least the acknowledged ones produces it.
    /// </summary>
    public (int? Applied, string Explanation) Match(IReadOnlyDictionary<string, NodeValue> recovered)
    {
        lock (_sent)
        {
            var acked = _sent.FindLastIndex(op => op.Acked) + 1;
            var state = new Dictionary<string, NodeValue>(_start);
            for (var i = 0; i < acked; i++)
            {
                _sent[i].Apply(state);
            }
            var firstDifference = Difference(state, recovered);
            for (var applied = acked; ; applied++)
            {
                if (Difference(state, recovered) is null)
                {
                    return (applied, "");
                }
                if (applied == _sent.Count)
                {
                    break;
                }
                _sent[applied].Apply(state);
            }
            var pending = string.Join("\n    ", _sent.Skip(acked).Take(12).Select(op => op.Description));
            return (null, $"{Root}: no prefix of at least the {acked} acknowledged writes (of {_sent.Count} sent) gives the recovered " +
                $"subtree; against the acknowledged state: {firstDifference}\n  writes in flight:\n    {pending}");
        }
    }

    /// <summary>Starts a new server lifetime from the recovered subtree.</summary>
    public void Restart(IReadOnlyDictionary<string, NodeValue> recovered)
    {
        lock (_sent)
        {
            _sent.Clear();
            _start = new Dictionary<string, NodeValue>(recovered);
            _projected = new Dictionary<string, NodeValue>(recovered);
        }
    }

    private static string? Difference(Dictionary<string, NodeValue> expected, IReadOnlyDictionary<string, NodeValue> actual)
    {
        foreach (var (path, value) in expected)
        {
            if (!actual.TryGetValue(path, out var other))
            {
                return $"{path} ({value}) is missing";
            }
            if (other != value)
            {
                return $"{path} is {other}, expected {value}";
            }
        }
        var extra = actual.Keys.FirstOrDefault(p => !expected.ContainsKey(p));
        return extra is null ? null : $"{extra} ({actual[extra]}) should not exist";
    }

    private string NewPath() => $"{Root}/n{_nextName++}";

    private string NewValue() => $"{Root}#{_nextValue++}";

    private string Pick(List<string> paths) => paths[_random.Next(paths.Count)];
}
