using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.Server.DataTree;
using ZkNet.Server.Txn;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// The current request's private view: every record it has read or changed. When the request becomes a txn
    /// the view joins <see cref="_pending"/>; when it fails, it is dropped (a failed multi changes nothing).
    /// Reused from request to request.
    /// </summary>
    private readonly Dictionary<string, ChangeRecord> _view = new(StringComparer.Ordinal);

    /// <summary>The outstanding changes of txns proposed but not yet applied.</summary>
    private readonly PendingChanges _pending = new();

    /// <summary>
    /// Validates a write against the tree, the txns still in flight and the earlier operations of the same multi,
    /// in the order ZooKeeper's PrepRequestProcessor checks, and builds its txn. The first failed check is the
    /// answer.
    /// </summary>
    private ErrorCode PrepTxn(OpCode op, object? record, IReadOnlyList<Id> authInfo, long sessionId, out int txnType, out IJuteRecord? txn)
    {
        txnType = (int)op;
        txn = null;
        switch (op)
        {
            case OpCode.Create:
            case OpCode.Create2:
            case OpCode.CreateContainer:
            case OpCode.CreateTtl:
                return PrepCreate(op, record, authInfo, sessionId, out txn);
            case OpCode.Delete:
            case OpCode.DeleteContainer:
                return PrepDelete(op, (DeleteRequest)record!, authInfo, out txn);
            case OpCode.SetData:
            {
                var request = (SetDataRequest)record!;
                if (PathUtils.Validate(request.Path) is not null)
                {
                    return ErrorCode.BadArguments;
                }
                var node = GetRecord(request.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                if (!CheckAcl(node.Acl, Perms.Write, authInfo))
                {
                    return ErrorCode.NoAuth;
                }
                var newLength = request.Data?.Length ?? 0;
                if (!WithinQuota(request.Path, newLength - node.DataLength, 0))
                {
                    return ErrorCode.QuotaExceeded;
                }
                if (!CheckVersion(node.Version, request.Version, out var newVersion))
                {
                    return ErrorCode.BadVersion;
                }
                node.Version = newVersion;
                node.DataLength = newLength;
                node.Data = request.Data;
                node.Changes |= NodeChanges.Data;
                txn = new SetDataTxn(request.Path, request.Data, newVersion);
                return ErrorCode.Ok;
            }
            case OpCode.SetAcl:
            {
                var request = (SetAclRequest)record!;
                if (PathUtils.Validate(request.Path) is not null)
                {
                    return ErrorCode.BadArguments;
                }
                var acl = AclChecker.Fixup(request.Acl, authInfo);
                if (acl is null)
                {
                    return ErrorCode.InvalidAcl;
                }
                var node = GetRecord(request.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                if (!CheckAcl(node.Acl, Perms.Admin, authInfo))
                {
                    return ErrorCode.NoAuth;
                }
                if (!CheckVersion(node.Aversion, request.Version, out var newVersion))
                {
                    return ErrorCode.BadVersion;
                }
                node.Aversion = newVersion;
                node.Acl = acl;
                node.Changes |= NodeChanges.Other;
                txn = new SetAclTxn(request.Path, acl, newVersion);
                return ErrorCode.Ok;
            }
            case OpCode.Check:
            {
                var request = (CheckVersionRequest)record!;
                if (PathUtils.Validate(request.Path) is not null)
                {
                    return ErrorCode.BadArguments;
                }
                var node = GetRecord(request.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                if (!CheckAcl(node.Acl, Perms.Read, authInfo))
                {
                    return ErrorCode.NoAuth;
                }
                if (!CheckVersion(node.Version, request.Version, out var checkedVersion))
                {
                    return ErrorCode.BadVersion;
                }
                // ZooKeeper logs a check with the matched version plus one.
                txn = new CheckVersionTxn(request.Path, checkedVersion);
                return ErrorCode.Ok;
            }
            case OpCode.Reconfig:
                // Standalone ZooKeeper with reconfigEnabled=false answers every reconfig this way.
                return ErrorCode.ReconfigDisabled;
            default:
                return ErrorCode.BadArguments;
        }
    }

    private ErrorCode PrepCreate(OpCode op, object? record, IReadOnlyList<Id> authInfo, long sessionId, out IJuteRecord? txn)
    {
        txn = null;
        string path;
        byte[]? data;
        IReadOnlyList<Acl> requestedAcl;
        int flags;
        long ttl = -1;
        if (record is CreateTtlRequest ttlRequest)
        {
            (path, data, requestedAcl, flags, ttl) = (ttlRequest.Path, ttlRequest.Data, ttlRequest.Acl, ttlRequest.Flags, ttlRequest.Ttl);
        }
        else
        {
            var request = (CreateRequest)record!;
            (path, data, requestedAcl, flags) = (request.Path, request.Data, request.Acl, request.Flags);
        }
        if (!CreateModeExtensions.TryFromFlag(flags, out var mode))
        {
            return ErrorCode.BadArguments;
        }
        if (mode.IsTtl() && !Options.ExtendedTypesEnabled)
        {
            return ErrorCode.Unimplemented;
        }
        var ttlValid = mode.IsTtl() ? EphemeralOwnerCodec.IsValidTtl(ttl) : ttl < 0;
        if (!ttlValid || (op == OpCode.CreateTtl && !mode.IsTtl()))
        {
            return ErrorCode.BadArguments;
        }
        if (mode.IsEphemeral() && EphemeralRefusal(sessionId) is var refusal and not ErrorCode.Ok)
        {
            // ZooKeeper's validateCreateRequest, by the flags whatever the opcode: an ephemeral needs a global session.
            return refusal;
        }
        // Like ZooKeeper, only the slash and NUL are checked up front: the full path rules come after the parent
        // lookup and its ACL check, so "/missing/." is NoNode and "/" is NodeExists, not BadArguments.
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return ErrorCode.BadArguments;
        }
        var acl = AclChecker.Fixup(requestedAcl, authInfo);
        if (acl is null)
        {
            return ErrorCode.InvalidAcl;
        }
        var parentPath = lastSlash == 0 ? "/" : path[..lastSlash];
        var parent = GetRecord(parentPath);
        if (parent is null)
        {
            return ErrorCode.NoNode;
        }
        if (!CheckAcl(parent.Acl, Perms.Create, authInfo))
        {
            return ErrorCode.NoAuth;
        }
        if (mode.IsSequential())
        {
            path += parent.Cversion.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (PathUtils.Validate(path) is not null)
        {
            return ErrorCode.BadArguments;
        }
        if (GetRecord(path) is not null)
        {
            return ErrorCode.NodeExists;
        }
        if (EphemeralOwnerCodec.TypeOf(parent.EphemeralOwner, Options.ExtendedTypesEnabled) == EphemeralType.Normal)
        {
            return ErrorCode.NoChildrenForEphemerals;
        }
        if (!WithinQuota(path, data?.Length ?? 0, 1))
        {
            return ErrorCode.QuotaExceeded;
        }
        var newCversion = parent.Cversion + 1;
        parent.Cversion = newCversion;
        parent.ChildCount++;
        parent.Changes |= NodeChanges.Children;
        // ZooKeeper picks the txn by opcode, not by flags: createContainer always makes a container, and create or
        // create2 with the container flag makes a plain persistent node.
        var container = op == OpCode.CreateContainer;
        var ephemeral = !container && op != OpCode.CreateTtl && mode.IsEphemeral();
        long owner = ephemeral ? sessionId : container ? EphemeralOwnerCodec.ContainerOwner : op == OpCode.CreateTtl ? EphemeralOwnerCodec.ForTtl(ttl) : 0;
        AddRecord(new ChangeRecord
        {
            Path = path, Acl = acl, EphemeralOwner = owner, DataLength = data?.Length ?? 0, Data = data, Changes = NodeChanges.Created,
        });
        // Null data stays null, in the log and in the tree, as ZooKeeper keeps it (a client reads it back as null).
        txn = container ? new CreateContainerTxn(path, data, acl, newCversion)
            : op == OpCode.CreateTtl ? new CreateTtlTxn(path, data, acl, newCversion, ttl)
            : new CreateTxn(path, data, acl, ephemeral, newCversion);
        return ErrorCode.Ok;
    }

    private ErrorCode PrepDelete(OpCode op, DeleteRequest request, IReadOnlyList<Id> authInfo, out IJuteRecord? txn)
    {
        txn = null;
        var path = request.Path;
        // ZooKeeper checks only the slash, NUL and its own nodes here; a malformed name is simply not found.
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal) || PathUtils.IsSpecialPath(path))
        {
            return ErrorCode.BadArguments;
        }
        var parent = GetRecord(lastSlash == 0 ? "/" : path[..lastSlash]);
        if (parent is null)
        {
            return ErrorCode.NoNode;
        }
        if (op == OpCode.Delete && !CheckAcl(parent.Acl, Perms.Delete, authInfo))
        {
            return ErrorCode.NoAuth;
        }
        var node = GetRecord(path);
        if (node is null)
        {
            return ErrorCode.NoNode;
        }
        if (!CheckVersion(node.Version, request.Version, out _))
        {
            return ErrorCode.BadVersion;
        }
        if (node.ChildCount > 0)
        {
            return ErrorCode.NotEmpty;
        }
        if (op == OpCode.DeleteContainer &&
            EphemeralOwnerCodec.TypeOf(node.EphemeralOwner, Options.ExtendedTypesEnabled) is not (EphemeralType.Container or EphemeralType.Ttl))
        {
            return ErrorCode.BadVersion;
        }
        node.Exists = false;
        node.Changes |= NodeChanges.Other;
        parent.ChildCount--;
        parent.Changes |= NodeChanges.Children;
        txn = new DeleteTxn(path);
        return ErrorCode.Ok;
    }

    /// <summary>ZooKeeper's version rule: -1 matches any version; the new version is the current plus one.</summary>
    private static bool CheckVersion(int current, int expected, out int next)
    {
        next = current == int.MaxValue ? 0 : current + 1;
        return expected == -1 || expected == current;
    }

    private bool CheckAcl(IReadOnlyList<Acl> acl, int perm, IReadOnlyList<Id> authInfo) =>
        AclChecker.Check(acl, perm, authInfo, Options.SkipAcl);

    /// <summary>
    /// The node as Prep sees it (this request's view, then the txns in flight, then the tree), or null when it
    /// does not exist or a txn in flight deletes it. The record returned is this request's own copy.
    /// </summary>
    private ChangeRecord? GetRecord(string path)
    {
        if (_view.TryGetValue(path, out var seen))
        {
            return seen.Exists ? seen : null;
        }
        ChangeRecord record;
        if (_pending.TryGet(path, out var pending))
        {
            if (!pending.Exists)
            {
                return null;
            }
            record = pending.Copy();
        }
        else
        {
            var node = Tree.GetNode(path);
            if (node is null)
            {
                return null;
            }
            record = new ChangeRecord
            {
                Path = path,
                Version = node.Version,
                Cversion = node.Cversion,
                Aversion = node.Aversion,
                ChildCount = node.ChildCount,
                EphemeralOwner = node.EphemeralOwner,
                DataLength = node.DataLength,
                Acl = Tree.GetAcl(node),
                Data = node.Data,
                Czxid = node.Czxid,
                Mzxid = node.Mzxid,
                Pzxid = node.Pzxid,
                Ctime = node.Ctime,
                Mtime = node.Mtime,
                TreeNode = node,
            };
        }
        // Later checks of the same request (and later operations of a multi) must see its changes to this record.
        _view.Add(path, record);
        return record;
    }

    private void AddRecord(ChangeRecord record) => _view[record.Path] = record;

    /// <summary>
    /// Builds a closeSession txn and records, for the txns validated after it, that the session's ephemerals are
    /// going (ZooKeeper's PrepRequestProcessor adds the same change records).
    /// </summary>
    private CloseSessionTxn PrepCloseSession(long sessionId)
    {
        var paths = EphemeralsToDelete(sessionId);
        foreach (var path in paths)
        {
            if (GetRecord(path) is { } node)
            {
                node.Exists = false;
                node.Changes |= NodeChanges.Other;
                if (GetRecord(PathUtils.Parent(path)) is { } parent)
                {
                    parent.ChildCount--;
                    parent.Changes |= NodeChanges.Children;
                }
            }
        }
        return new CloseSessionTxn(paths);
    }

    /// <summary>
    /// The ephemerals a closeSession must delete: the tree's, plus those created by txns in flight, less those a
    /// txn in flight deletes (ZooKeeper's PrepRequestProcessor walks its outstanding changes the same way).
    /// </summary>
    private List<string> EphemeralsToDelete(long sessionId)
    {
        var paths = new HashSet<string>(Tree.GetEphemerals(sessionId), StringComparer.Ordinal);
        foreach (var change in _pending.Records)
        {
            if (!change.Exists)
            {
                paths.Remove(change.Path);
            }
            else if (change.EphemeralOwner == sessionId)
            {
                paths.Add(change.Path);
            }
        }
        var sorted = paths.ToList();
        sorted.Sort(StringComparer.Ordinal);
        return sorted;
    }
}
