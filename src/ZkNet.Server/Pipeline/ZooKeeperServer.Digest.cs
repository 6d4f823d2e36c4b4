using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// The tree digest once every proposed txn is applied (ZooKeeper's getCurrentTreeDigest: the last outstanding
    /// change's precalculated digest). Read only while proposals are in flight; otherwise the tree's own is current.
    /// </summary>
    private long _proposedDigest;

    private bool _digestMismatchLogged;

    /// <summary>
    /// The tree digest after <paramref name="proposal"/>, known before it is applied so that it goes into the log
    /// with the txn (ZooKeeper 3.6+ logs a TxnDigest after every txn but a failed request's error txn). Each node
    /// this request changed takes out its digest before the change and adds its digest after, exactly as DataTree
    /// will when the txn is applied; ApplyProposal checks that it did. Null when digests are off, for an error txn,
    /// and on a learner (its leader's txns are not prepared here). Allocates nothing.
    /// </summary>
    private long? DigestAfter(Proposal proposal, bool changesTree)
    {
        if (!Tree.DigestEnabled || Role is not (ServerRole.Standalone or ServerRole.Leading))
        {
            return null;
        }
        var digest = _proposals.Count == 0 ? Tree.TreeDigest : _proposedDigest;
        if (changesTree)
        {
            var header = proposal.Header;
            foreach (var record in _view.Values)
            {
                var before = record.TreeNode is { } node ? Tree.DigestOf(record.Path, node) : record.DigestBefore;
                if (record.Changes == NodeChanges.None)
                {
                    record.Digest = before;
                    continue;
                }
                record.Stamp(header.Zxid, header.Time);
                record.Digest = record.ComputeDigest();
                digest = unchecked(digest + record.Digest - before);
            }
        }
        _proposedDigest = digest;
        return proposal.Header.Type == (int)OpCode.Error ? null : digest;
    }

    /// <summary>
    /// After a txn is applied: the tree's digest must be the one logged with it (ZooKeeper's DataTree.compareDigest).
    /// A mismatch means this server's tree went another way than the txn's author expected; like ZooKeeper it is
    /// counted (digest_mismatches_count) and logged, and the server goes on.
    /// </summary>
    private void CompareDigest(TxnHeader header, long? expected)
    {
        if (expected is not { } digest || !Tree.DigestEnabled || Tree.TreeDigest == digest)
        {
            return;
        }
        Metrics.Counter("digest_mismatches_count").Add();
        if (!_digestMismatchLogged)
        {
            _digestMismatchLogged = true;
            LogFirstDigestMismatch(header.Zxid, header.Type, digest, Tree.TreeDigest);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "First digest mismatch on txn 0x{Zxid:x} (type {Type}): expected digest is {Expected}, actual digest is {Actual}")]
    private partial void LogFirstDigestMismatch(long zxid, int type, long expected, long actual);
}
