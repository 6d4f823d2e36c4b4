using System.Text;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// A member's database in memory, with the disk modelled: the txn log has a durable prefix (the rest is lost by a
/// crash), snapshots and epoch files are durable when written. The state is the list of applied txns. Like
/// ZooKeeper, loading applies every logged txn.
/// </summary>
internal sealed class SimDatabase : IZabDatabase
{
    private readonly List<ZabTxn> _log = [];
    private readonly List<(long Zxid, List<ZabTxn> State)> _snapshots = [];
    private int _durableCount;

    private long SnapshotZxid => _snapshots.Count > 0 ? _snapshots[^1].Zxid : 0;

    public List<ZabTxn> Applied { get; private set; } = [];

    /// <summary>Called with every txn applied as committed (not the ones a load applies), for the invariants.</summary>
    public Action<ZabTxn>? OnCommitted { get; set; }

    public long LastLoggedZxid => Math.Max(SnapshotZxid, _durableCount > 0 ? _log[_durableCount - 1].Zxid : 0);

    public long LastProcessedZxid => Applied.Count > 0 ? Applied[^1].Zxid : 0;

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    public bool HasUnflushed => _durableCount < _log.Count;

    public void SetAcceptedEpoch(long epoch) => AcceptedEpoch = epoch;

    public void SetCurrentEpoch(long epoch) => CurrentEpoch = epoch;

    /// <summary>Snapshots on disk (a member that only ever synced by DIFF has none: its state is its log).</summary>
    public int SnapshotCount => _snapshots.Count;

    /// <summary>
    /// A fault: the committed txns with a zxid in (After, UpTo] are left out of <see cref="RecentCommitted"/>, as
    /// Apache ZooKeeper 3.9.3's learner left the txns it applied while syncing out of its committed log (ZOOKEEPER-4925).
    /// </summary>
    public (long After, long UpTo)? WindowHole { get; set; }

    public IReadOnlyList<ZabTxn> RecentCommitted(int max) => Applied.Skip(Math.Max(0, Applied.Count - max))
        .Where(t => WindowHole is not { } hole || t.Zxid <= hole.After || t.Zxid > hole.UpTo)
        .ToList();

    public IZabSnapshot Snapshot()
    {
        var text = new StringBuilder();
        foreach (var txn in Applied)
        {
            text.Append(txn.Zxid).Append('=').Append(Encoding.UTF8.GetString(txn.Data)).Append('\n');
        }
        return new SimSnapshot(LastProcessedZxid, Encoding.UTF8.GetBytes(text.ToString()));
    }

    public IReceivedSnapshot ReadSnapshot(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return new SimReceived(reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Select(parts => new ZabTxn(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(parts[1])))
            .ToList());
    }

    /// <summary>
    /// Drops the log after <paramref name="zxid"/> and every snapshot newer than it, then reloads. When the disk
    /// cannot be brought back to exactly that zxid (a snapshot loaded from a leader left a gap in the log) the
    /// member ends up below it, which <see cref="LastLoggedZxid"/> then says.
    /// </summary>
    public void Truncate(long zxid)
    {
        var keep = _log.FindIndex(t => t.Zxid > zxid);
        if (keep >= 0)
        {
            _log.RemoveRange(keep, _log.Count - keep);
            _durableCount = Math.Min(_durableCount, _log.Count);
        }
        _snapshots.RemoveAll(s => s.Zxid > zxid);
        Reload();
    }

    public void LoadSnapshot(IReceivedSnapshot snapshot, long zxid)
    {
        Applied = [.. ((SimReceived)snapshot).Txns];
        foreach (var txn in Applied)
        {
            OnCommitted?.Invoke(txn);
        }
    }

    public void ApplyInMemory(ZabTxn txn)
    {
        Applied.Add(txn);
        OnCommitted?.Invoke(txn);
    }

    public void PersistSnapshot()
    {
        _snapshots.Add((LastProcessedZxid, [.. Applied]));
        // Logged txns after the snapshot belong to a history the snapshot replaced: they must never be replayed on
        // top of it.
        var stale = _log.FindIndex(t => t.Zxid > LastProcessedZxid);
        if (stale >= 0)
        {
            _log.RemoveRange(stale, _log.Count - stale);
            _durableCount = Math.Min(_durableCount, _log.Count);
        }
    }

    public void Append(ZabTxn txn)
    {
        if (_log.Count > 0 && txn.Zxid <= _log[^1].Zxid)
        {
            throw new InvalidOperationException($"append 0x{txn.Zxid:x} after 0x{_log[^1].Zxid:x}");
        }
        _log.Add(txn);
    }

    /// <summary>The disk catches up: everything appended is durable. Returns the last durable zxid.</summary>
    public long Flush()
    {
        _durableCount = _log.Count;
        return LastLoggedZxid;
    }

    /// <summary>A fault for the invariants' own test: this many commits are taken but not applied (a txn lost in memory).</summary>
    public int CommitsToDrop { get; set; }

    public void Commit(long zxid)
    {
        if (zxid <= LastProcessedZxid)
        {
            return;
        }
        if (CommitsToDrop > 0)
        {
            CommitsToDrop--;
            return;
        }
        var txn = _log.Find(t => t.Zxid == zxid) ?? throw new InvalidOperationException($"commit of 0x{zxid:x}, which is not logged");
        Applied.Add(txn);
        OnCommitted?.Invoke(txn);
    }

    public void Reload()
    {
        _log.RemoveRange(_durableCount, _log.Count - _durableCount);
        Applied = [.. (_snapshots.Count > 0 ? _snapshots[^1].State : []), .. _log.Where(t => t.Zxid > SnapshotZxid)];
    }

    /// <summary>The applied txns as text, taken when the snapshot is: written out as they were then.</summary>
    private sealed class SimSnapshot(long zxid, byte[] bytes) : IZabSnapshot
    {
        public long Zxid { get; } = zxid;

        public Task WriteToAsync(Stream stream, CancellationToken cancellationToken) => stream.WriteAsync(bytes, cancellationToken).AsTask();
    }

    private sealed record SimReceived(List<ZabTxn> Txns) : IReceivedSnapshot
    {
        public long NodeCount => Txns.Count;
    }
}
