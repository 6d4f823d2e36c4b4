using ZkNet.Client.Exceptions;
using ZkNet.Client.Internal;
using ZkNet.Client.Multi;
using ZkNet.Protocol;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>Starts a transaction: operations added to it are applied atomically by <see cref="Transaction.CommitAsync"/>.</summary>
    public Transaction BeginTransaction() => new(this);

    /// <summary>
    /// Applies write operations atomically (ZooKeeper's multi): either all succeed, and their results come back in
    /// order, or none is applied and a <see cref="KeeperException"/> for the first failure is thrown, its
    /// <see cref="KeeperException.Results"/> holding an <see cref="ErrorOpResult"/> for every operation.
    /// </summary>
    /// <exception cref="ArgumentException">An operation is a read, or its arguments are invalid.</exception>
    public async Task<IReadOnlyList<OpResult>> MultiAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = ValidateOps(ops, read: false);
        var results = await SubmitAsync(new Packet<IReadOnlyList<OpResult>>(OpCode.Multi, MultiResults.ToRequest(list, _chroot), null,
            MultiResults.Read), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is ErrorOpResult { Error: not ErrorCode.Ok } error)
            {
                var exception = KeeperException.Create(error.Error, i < list.Count ? list[i].Path : null);
                exception.Results = results;
                throw exception;
            }
        }
        return results;
    }

    /// <summary>
    /// Runs read operations (<see cref="Op.GetData"/>, <see cref="Op.GetChildren"/>) in one round trip
    /// (ZooKeeper's multiRead). Each read stands alone: one that fails yields an <see cref="ErrorOpResult"/> in its
    /// place and the others still return their results.
    /// </summary>
    /// <exception cref="ArgumentException">An operation is a write, or a path is invalid.</exception>
    public Task<IReadOnlyList<OpResult>> MultiReadAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default)
    {
        var list = ValidateOps(ops, read: true);
        return SubmitAsync(new Packet<IReadOnlyList<OpResult>>(OpCode.MultiRead, MultiResults.ToRequest(list, _chroot), null,
            MultiResults.Read), cancellationToken);
    }

    private static List<Op> ValidateOps(IEnumerable<Op> ops, bool read)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var list = ops.ToList();
        foreach (var op in list)
        {
            ArgumentNullException.ThrowIfNull(op, nameof(ops));
            if (op.IsRead != read)
            {
                throw new ArgumentException(read
                    ? $"{op.GetType().Name} is a write; multiRead takes only GetData and GetChildren"
                    : $"{op.GetType().Name} is a read; use MultiReadAsync for reads", nameof(ops));
            }
            op.Validate();
        }
        return list;
    }
}
