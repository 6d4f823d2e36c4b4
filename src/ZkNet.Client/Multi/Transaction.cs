using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>
/// Collects write operations to apply atomically (ZooKeeper's Transaction); build it with
/// <see cref="ZooKeeperClient.BeginTransaction"/>, chain the operations, then <see cref="CommitAsync"/>.
/// Not thread-safe.
/// </summary>
public sealed class Transaction
{
    private readonly ZooKeeperClient _client;
    private readonly List<Op> _ops = [];

    internal Transaction(ZooKeeperClient client) => _client = client;

    /// <summary>The operations added so far.</summary>
    public IReadOnlyList<Op> Operations => _ops;

    /// <summary>Adds a create.</summary>
    public Transaction Create(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, TimeSpan? ttl = null) =>
        Add(Op.Create(path, data, acl, mode, ttl));

    /// <summary>Adds a delete (-1 matches any version).</summary>
    public Transaction Delete(string path, int version = -1) => Add(Op.Delete(path, version));

    /// <summary>Adds a setData (-1 matches any version).</summary>
    public Transaction SetData(string path, byte[]? data, int version = -1) => Add(Op.SetData(path, data, version));

    /// <summary>Adds a version check (-1 only checks that the node exists).</summary>
    public Transaction Check(string path, int version = -1) => Add(Op.Check(path, version));

    /// <summary>Adds an operation.</summary>
    public Transaction Add(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        _ops.Add(op);
        return this;
    }

    /// <summary>Applies every operation atomically; see <see cref="ZooKeeperClient.MultiAsync"/>.</summary>
    public Task<IReadOnlyList<OpResult>> CommitAsync(CancellationToken cancellationToken = default) =>
        _client.MultiAsync(_ops, cancellationToken);
}
