using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Server.DataTree;

public sealed partial class DataTree
{
    /// <summary>
    /// Applies one txn and fires the watches it triggers. Replaying a txn that is already reflected (a fuzzy
    /// snapshot followed by the log) leaves the tree as it was, which makes recovery idempotent.
    /// </summary>
    public ProcessTxnResult ProcessTxn(TxnHeader header, IJuteRecord body)
    {
        var result = ApplyOne(header.Type, body, header.ClientId, header.Zxid, header.Time);
        if (header.Zxid > LastProcessedZxid)
        {
            LastProcessedZxid = header.Zxid;
        }
        LogDigest(header.Zxid);
        return result;
    }

    private ProcessTxnResult ApplyOne(int type, IJuteRecord body, long sessionId, long zxid, long time)
    {
        var result = new ProcessTxnResult { Type = type };
        switch (body)
        {
            case CreateTxn create:
                result.Path = create.Path;
                result.Err = (int)CreateNode(create.Path, create.Data, create.Acl, create.Ephemeral ? sessionId : 0,
                    create.ParentCVersion, zxid, time, out var createdStat);
                result.Stat = createdStat;
                if (result.Err == (int)ErrorCode.NodeExists && type == (int)OpCode.Create)
                {
                    // A fuzzy snapshot can hold a child created after its parent was serialized. Replaying that
                    // create finds the node; ZooKeeper's processTxn then catches the parent's counters up.
                    CatchUpParent(PathUtils.Parent(create.Path), create.ParentCVersion, zxid);
                }
                break;
            case CreateContainerTxn container:
                result.Path = container.Path;
                result.Err = (int)CreateNode(container.Path, container.Data, container.Acl, EphemeralOwnerCodec.ContainerOwner,
                    container.ParentCVersion, zxid, time, out var containerStat);
                result.Stat = containerStat;
                break;
            case CreateTtlTxn ttl:
                result.Path = ttl.Path;
                result.Err = (int)CreateNode(ttl.Path, ttl.Data, ttl.Acl, EphemeralOwnerCodec.ForTtl(ttl.Ttl),
                    ttl.ParentCVersion, zxid, time, out var ttlStat);
                result.Stat = ttlStat;
                break;
            case DeleteTxn delete:
                result.Path = delete.Path;
                result.Err = (int)DeleteNode(delete.Path, zxid);
                break;
            case SetDataTxn setData:
                result.Path = setData.Path;
                result.Err = (int)SetData(setData.Path, setData.Data, setData.Version, zxid, time, out var dataStat);
                result.Stat = dataStat;
                break;
            case SetAclTxn setAcl:
                result.Path = setAcl.Path;
                result.Err = (int)SetAcl(setAcl.Path, setAcl.Acl, setAcl.Version, out var aclStat);
                result.Stat = aclStat;
                break;
            case CheckVersionTxn check:
                result.Path = check.Path;
                break;
            case CloseSessionTxn close:
                KillSession(sessionId, zxid, close.Paths2Delete);
                break;
            case ErrorTxn error:
                result.Err = error.Err;
                break;
            case MultiOps multi:
                result.MultiResult = ApplyMulti(multi, sessionId, zxid, time);
                break;
            default:
                // createSession and anything without a tree effect.
                break;
        }
        return result;
    }

    /// <summary>
    /// Applies a multi. If any operation is an error txn the whole multi failed in Prep: nothing is applied, the
    /// operations before the failure report 0 (rolled back), the failing one its code, and the rest
    /// RuntimeInconsistency, as ZooKeeper reports them.
    /// </summary>
    private List<ProcessTxnResult> ApplyMulti(MultiOps multi, long sessionId, long zxid, long time)
    {
        var results = new List<ProcessTxnResult>(multi.Ops.Count);
        var failed = multi.Failed;
        var afterFailure = false;
        foreach (var op in multi.Ops)
        {
            if (!failed)
            {
                results.Add(ApplyOne(op.Type, op.Body, sessionId, zxid, time));
                continue;
            }
            int err;
            if (op.Body is ErrorTxn error)
            {
                err = error.Err;
                afterFailure |= err != 0;
            }
            else
            {
                err = afterFailure ? (int)ErrorCode.RuntimeInconsistency : 0;
            }
            results.Add(new ProcessTxnResult { Type = (int)OpCode.Error, Err = err });
        }
        return results;
    }

    private ErrorCode CreateNode(string path, byte[]? data, IReadOnlyList<Acl> acl, long ephemeralOwner, int parentCVersion,
        long zxid, long time, out Stat? stat)
    {
        stat = null;
        var parentPath = PathUtils.Parent(path);
        if (!_nodes.TryGetValue(parentPath, out var parent))
        {
            return ErrorCode.NoNode;
        }
        var name = PathUtils.Name(path);
        if (_nodes.TryGetValue(path, out var existing))
        {
            // Replay over a fuzzy snapshot written by Apache ZooKeeper (or an older ZkNet): the node was serialized
            // with an ACL reference created after the snapshot's ACL cache was written, so the cache cannot resolve
            // it. The create being replayed carries the list; take it, or the node stays unreadable.
            if (!AclCache.Resolves(existing.AclRef))
            {
                existing.AclRef = AclCache.AddUsage(acl);
            }
            return ErrorCode.NodeExists;
        }
        if (parentCVersion == -1)
        {
            parentCVersion = parent.Cversion + 1;
        }
        var node = new DataNode(data, AclCache.AddUsage(acl), zxid, time, ephemeralOwner) { Path = path };
        Undigest(parentPath, parent);
        lock (parent)
        {
            // Replaying a create inside a fuzzy snapshot's range must not move the parent's counters backwards.
            if (parentCVersion > parent.Cversion)
            {
                parent.Cversion = parentCVersion;
                parent.Pzxid = zxid;
            }
            parent.AddChild(name, node);
        }
        Redigest(parentPath, parent);
        _nodes[path] = node;
        Redigest(path, node);
        ApproximateDataSize += path.Length + node.DataLength;
        WriteObserved?.Invoke(path, node.DataLength);
        Index(path, node);
        QuotaAfterCreate(path, parentPath, name, node.DataLength);
        stat = StatOf(node);
        DataWatches.TriggerWatch(path, EventType.NodeCreated, zxid, acl);
        ChildWatches.TriggerWatch(parentPath, EventType.NodeChildrenChanged, zxid, GetAcl(parent));
        return ErrorCode.Ok;
    }

    private void CatchUpParent(string parentPath, int parentCVersion, long zxid)
    {
        if (!_nodes.TryGetValue(parentPath, out var parent))
        {
            return;
        }
        var cversion = parentCVersion == -1 ? parent.Cversion + 1 : parentCVersion;
        Undigest(parentPath, parent);
        lock (parent)
        {
            if (cversion > parent.Cversion)
            {
                parent.Cversion = cversion;
                parent.Pzxid = zxid;
            }
        }
        Redigest(parentPath, parent);
    }

    private ErrorCode DeleteNode(string path, long zxid)
    {
        var parentPath = PathUtils.Parent(path);
        if (!_nodes.TryGetValue(parentPath, out var parent))
        {
            return ErrorCode.NoNode;
        }
        Undigest(parentPath, parent);
        lock (parent)
        {
            parent.RemoveChild(PathUtils.Name(path));
            // Only move pzxid forward: a create replayed later may already have set a higher one.
            if (zxid > parent.Pzxid)
            {
                parent.Pzxid = zxid;
            }
        }
        Redigest(parentPath, parent);
        if (!_nodes.Remove(path, out var node))
        {
            return ErrorCode.NoNode;
        }
        Undigest(path, node);
        // Taken before the node's reference is released: the delete events are checked against it.
        var acl = GetAcl(node);
        AclCache.RemoveUsage(node.AclRef);
        ApproximateDataSize -= path.Length + node.DataLength;
        WriteObserved?.Invoke(path, 0);
        Unindex(path, node);
        QuotaAfterDelete(path, parentPath, node.DataLength);
        var fired = DataWatches.TriggerWatch(path, EventType.NodeDeleted, zxid, acl);
        ChildWatches.TriggerWatch(path, EventType.NodeDeleted, zxid, acl, fired);
        ChildWatches.TriggerWatch(parentPath, EventType.NodeChildrenChanged, zxid, GetAcl(parent));
        return ErrorCode.Ok;
    }

    /// <summary>
    /// Publishes an ensemble member's configuration in /zookeeper/config, as every ZooKeeper member does when it takes
    /// a role: the data is the config text, the version stays -1 and mzxid is the config's version (0 for a static
    /// config). Not a txn: each member writes its own, and data watches on the node fire.
    /// </summary>
    public void PublishConfig(byte[] configText, long configVersion, long time)
    {
        ArgumentNullException.ThrowIfNull(configText);
        SetData(ConfigZookeeper, configText, -1, configVersion, time, out _);
    }

    private ErrorCode SetData(string path, byte[]? data, int version, long zxid, long time, out Stat? stat)
    {
        stat = null;
        if (!_nodes.TryGetValue(path, out var node))
        {
            return ErrorCode.NoNode;
        }
        var bytesDiff = (data?.Length ?? 0) - node.DataLength;
        ApproximateDataSize += bytesDiff;
        WriteObserved?.Invoke(path, data?.Length ?? 0);
        Undigest(path, node);
        lock (node)
        {
            node.Data = data;
            node.Version = version;
            node.Mzxid = zxid;
            node.Mtime = time;
        }
        Redigest(path, node);
        if (MaxPrefixWithQuota(path) is { } quotaRoot)
        {
            UpdateQuotaStat(quotaRoot, bytesDiff, 0);
        }
        stat = StatOf(node);
        DataWatches.TriggerWatch(path, EventType.NodeDataChanged, zxid, GetAcl(node));
        return ErrorCode.Ok;
    }

    private ErrorCode SetAcl(string path, IReadOnlyList<Acl> acl, int version, out Stat? stat)
    {
        stat = null;
        if (!_nodes.TryGetValue(path, out var node))
        {
            return ErrorCode.NoNode;
        }
        AclCache.RemoveUsage(node.AclRef);
        var aclRef = AclCache.AddUsage(acl);
        Undigest(path, node);
        lock (node)
        {
            node.AclRef = aclRef;
            node.Aversion = version;
        }
        Redigest(path, node);
        stat = StatOf(node);
        return ErrorCode.Ok;
    }

    private void KillSession(long sessionId, long zxid, IReadOnlyList<string>? paths2Delete)
    {
        // The paths the txn names go first, whether or not the tree still holds them, as ZooKeeper's killSession
        // does: replayed over a fuzzy snapshot, an ephemeral may be missing while its parent still carries the
        // pzxid from before the close, and deleting by name moves that pzxid to the close (DeleteNode updates the
        // parent even when the child is gone). A path re-created since by another session is re-created again by
        // its own later txn.
        foreach (var path in paths2Delete ?? [])
        {
            DeleteNode(path, zxid);
        }
        if (!_ephemerals.TryGetValue(sessionId, out var paths))
        {
            return;
        }
        // Whatever the session still owns (a pre-3.6 closeSession names nothing). Copy first: DeleteNode unindexes
        // from the same set. Sorted so that replay order is deterministic.
        foreach (var path in paths.Order(StringComparer.Ordinal).ToList())
        {
            DeleteNode(path, zxid);
        }
    }
}
