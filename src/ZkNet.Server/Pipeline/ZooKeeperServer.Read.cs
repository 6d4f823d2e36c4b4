using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.Server.Watches;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    private static bool IsReadOp(OpCode op) => op is OpCode.Exists or OpCode.GetData or OpCode.GetAcl or OpCode.GetChildren
        or OpCode.GetChildren2 or OpCode.GetAllChildrenNumber or OpCode.GetEphemerals or OpCode.Sync or OpCode.SetWatches
        or OpCode.SetWatches2 or OpCode.CheckWatches or OpCode.RemoveWatches or OpCode.AddWatch or OpCode.WhoAmI
        or OpCode.MultiRead;

    /// <summary>Runs a read (or watch-management) request against the tree, in ZooKeeper's check order.</summary>
    private ErrorCode ProcessRead(Request request, ServerCnxn cnxn, out IJuteRecord? body)
    {
        body = null;
        switch (request.Record)
        {
            case ExistsRequest exists:
            {
                if (exists.Path.Contains('\0', StringComparison.Ordinal))
                {
                    return ErrorCode.BadArguments;
                }
                if (exists.Watch)
                {
                    // An exists watch is left whether or not the node is there: it fires on creation.
                    Tree.DataWatches.AddWatch(exists.Path, cnxn, WatcherMode.Standard);
                }
                var node = Tree.GetNode(exists.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                body = new ExistsResponse(Tree.StatOf(node));
                CountRead(exists.Path, 0);
                return ErrorCode.Ok;
            }
            case GetDataRequest getData:
            {
                var err = GetData(getData, cnxn, out var response);
                body = response;
                return err;
            }
            case GetAclRequest getAcl:
            {
                var node = Tree.GetNode(getAcl.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                var acl = Tree.GetAcl(node);
                if (!CheckAcl(acl, Perms.Read | Perms.Admin, cnxn.AuthInfo))
                {
                    return ErrorCode.NoAuth;
                }
                if (!CheckAcl(acl, Perms.Admin, cnxn.AuthInfo))
                {
                    // ZooKeeper shows a reader without ADMIN the digest users but not their password hashes.
                    acl = acl.Select(a => a.Id.Scheme == DigestAuthenticationProvider.Scheme && a.Id.Identity.Contains(':', StringComparison.Ordinal)
                        ? a with { Id = a.Id with { Identity = a.Id.Identity[..a.Id.Identity.IndexOf(':', StringComparison.Ordinal)] + ":x" } }
                        : a).ToList();
                }
                body = new GetAclResponse(acl, Tree.StatOf(node));
                return ErrorCode.Ok;
            }
            case GetChildrenRequest getChildren:
            {
                var err = GetChildren(getChildren.Path, getChildren.Watch, cnxn, out var children, out _);
                body = err == ErrorCode.Ok ? new GetChildrenResponse(children!) : null;
                return err;
            }
            case GetChildren2Request getChildren2:
            {
                var err = GetChildren(getChildren2.Path, getChildren2.Watch, cnxn, out var children, out var stat);
                body = err == ErrorCode.Ok ? new GetChildren2Response(children!, stat) : null;
                return err;
            }
            case GetAllChildrenNumberRequest count:
            {
                var node = Tree.GetNode(count.Path);
                if (node is null)
                {
                    return ErrorCode.NoNode;
                }
                if (!CheckAcl(Tree.GetAcl(node), Perms.Read, cnxn.AuthInfo))
                {
                    return ErrorCode.NoAuth;
                }
                body = new GetAllChildrenNumberResponse(Tree.CountDescendants(count.Path));
                return ErrorCode.Ok;
            }
            case GetEphemeralsRequest ephemerals:
            {
                var prefix = ephemerals.PrefixPath;
                var mine = Tree.GetEphemerals(cnxn.SessionId);
                body = new GetEphemeralsResponse(mine.Where(p => prefix == "/" || p.StartsWith(prefix, StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal).ToList());
                return ErrorCode.Ok;
            }
            case SyncRequest sync:
                // Standalone: every read already sees every committed write, so sync only echoes the path.
                body = new SyncResponse(sync.Path);
                return ErrorCode.Ok;
            case SetWatches setWatches:
                ReArmWatches(cnxn, setWatches.RelativeZxid, setWatches.DataWatches, setWatches.ExistWatches, setWatches.ChildWatches, [], []);
                return ErrorCode.Ok;
            case SetWatches2 setWatches2:
                ReArmWatches(cnxn, setWatches2.RelativeZxid, setWatches2.DataWatches, setWatches2.ExistWatches, setWatches2.ChildWatches,
                    setWatches2.PersistentWatches, setWatches2.PersistentRecursiveWatches);
                return ErrorCode.Ok;
            case AddWatchRequest addWatch:
                if (addWatch.Mode == (int)AddWatchMode.Persistent)
                {
                    Tree.DataWatches.AddWatch(addWatch.Path, cnxn, WatcherMode.Persistent);
                    Tree.ChildWatches.AddWatch(addWatch.Path, cnxn, WatcherMode.Persistent);
                }
                else if (addWatch.Mode == (int)AddWatchMode.PersistentRecursive)
                {
                    Tree.DataWatches.AddWatch(addWatch.Path, cnxn, WatcherMode.PersistentRecursive);
                }
                else
                {
                    // ZooKeeper fails to map an unknown mode while decoding the request: MarshallingError.
                    return ErrorCode.MarshallingError;
                }
                // ZooKeeper 3.8 answers addWatch with an ErrorResponse(0) body; the Java client reads it.
                body = new ErrorResponse(0);
                return ErrorCode.Ok;
            case CheckWatchesRequest check:
                return HasWatch(check.Path, (WatcherType)check.Type, cnxn) ? ErrorCode.Ok : ErrorCode.NoWatcher;
            case RemoveWatchesRequest remove:
                return RemoveWatch(remove.Path, (WatcherType)remove.Type, cnxn) ? ErrorCode.Ok : ErrorCode.NoWatcher;
            case MultiRequest multiRead:
                body = MultiRead(multiRead, cnxn);
                return ErrorCode.Ok;
            default:
                if (request.Op == OpCode.WhoAmI)
                {
                    body = new WhoAmIResponse(cnxn.AuthInfo.Select(id => new ClientInfo(id.Scheme,
                        id.Scheme == DigestAuthenticationProvider.Scheme ? DigestAuthenticationProvider.UserName(id.Identity) : id.Identity)).ToList());
                    return ErrorCode.Ok;
                }
                return ErrorCode.BadArguments;
        }
    }

    private ErrorCode GetData(GetDataRequest request, ServerCnxn cnxn, out GetDataResponse? response)
    {
        response = null;
        var node = Tree.GetNode(request.Path);
        if (node is null)
        {
            return ErrorCode.NoNode;
        }
        if (!CheckAcl(Tree.GetAcl(node), Perms.Read, cnxn.AuthInfo))
        {
            return ErrorCode.NoAuth;
        }
        if (request.Watch)
        {
            Tree.DataWatches.AddWatch(request.Path, cnxn, WatcherMode.Standard);
        }
        response = new GetDataResponse(node.Data, Tree.StatOf(node));
        CountRead(request.Path, node.DataLength);
        return ErrorCode.Ok;
    }

    private ErrorCode GetChildren(string path, bool watch, ServerCnxn cnxn, out List<string>? children, out Stat stat)
    {
        children = null;
        stat = default;
        var node = Tree.GetNode(path);
        if (node is null)
        {
            return ErrorCode.NoNode;
        }
        if (!CheckAcl(Tree.GetAcl(node), Perms.Read, cnxn.AuthInfo))
        {
            return ErrorCode.NoAuth;
        }
        if (watch)
        {
            Tree.ChildWatches.AddWatch(path, cnxn, WatcherMode.Standard);
        }
        children = [.. node.Children];
        stat = Tree.StatOf(node);
        CountRead(path, children.Sum(c => (long)c.Length));
        return ErrorCode.Ok;
    }

    private MultiResponse MultiRead(MultiRequest request, ServerCnxn cnxn)
    {
        // Each read stands alone: one failing does not affect the others (unlike a write multi).
        var results = new List<MultiResult>(request.Ops.Count);
        foreach (var op in request.Ops)
        {
            switch (op.Record)
            {
                case GetDataRequest getData:
                {
                    var err = GetData(getData, cnxn, out var response);
                    results.Add(err == ErrorCode.Ok ? new MultiResult((int)OpCode.GetData, 0, response) : new MultiResult((int)OpCode.Error, (int)err, null));
                    break;
                }
                case GetChildrenRequest getChildren:
                {
                    var err = GetChildren(getChildren.Path, getChildren.Watch, cnxn, out var children, out _);
                    results.Add(err == ErrorCode.Ok ? new MultiResult((int)OpCode.GetChildren, 0, new GetChildrenResponse(children!))
                        : new MultiResult((int)OpCode.Error, (int)err, null));
                    break;
                }
                default:
                    results.Add(new MultiResult((int)OpCode.Error, (int)ErrorCode.BadArguments, null));
                    break;
            }
        }
        return new MultiResponse(results);
    }

    /// <summary>
    /// setWatches after a reconnect: each watch whose condition already changed since the client's last zxid fires
    /// at once; the rest are re-armed. Persistent watches are simply re-armed.
    /// </summary>
    private void ReArmWatches(ServerCnxn cnxn, long relativeZxid, IReadOnlyList<string> data, IReadOnlyList<string> exist,
        IReadOnlyList<string> child, IReadOnlyList<string> persistent, IReadOnlyList<string> recursive)
    {
        foreach (var path in data)
        {
            ReArmWatch(cnxn, path, relativeZxid, static node => node.Mzxid, EventType.NodeDataChanged, Tree.DataWatches);
        }
        foreach (var path in exist)
        {
            if (Tree.GetNode(path) is not null)
            {
                cnxn.Process(EventType.NodeCreated, path, -1);
            }
            else
            {
                Tree.DataWatches.AddWatch(path, cnxn, WatcherMode.Standard);
            }
        }
        foreach (var path in child)
        {
            ReArmWatch(cnxn, path, relativeZxid, static node => node.Pzxid, EventType.NodeChildrenChanged, Tree.ChildWatches);
        }
        foreach (var path in persistent)
        {
            Tree.ChildWatches.AddWatch(path, cnxn, WatcherMode.Persistent);
            Tree.DataWatches.AddWatch(path, cnxn, WatcherMode.Persistent);
        }
        foreach (var path in recursive)
        {
            Tree.DataWatches.AddWatch(path, cnxn, WatcherMode.PersistentRecursive);
        }
    }

    /// <summary>
    /// One data or child watch of a setWatches: NodeDeleted if the node is gone, <paramref name="changed"/> if it
    /// changed after the client's last zxid (by <paramref name="changedAt"/>), otherwise the watch is armed again.
    /// </summary>
    private void ReArmWatch(ServerCnxn cnxn, string path, long relativeZxid, Func<DataTree.DataNode, long> changedAt,
        EventType changed, WatchManager watches)
    {
        var node = Tree.GetNode(path);
        if (node is null)
        {
            cnxn.Process(EventType.NodeDeleted, path, -1);
        }
        else if (changedAt(node) > relativeZxid)
        {
            cnxn.Process(changed, path, -1);
        }
        else
        {
            watches.AddWatch(path, cnxn, WatcherMode.Standard);
        }
    }

    private bool HasWatch(string path, WatcherType type, ServerCnxn cnxn) => type switch
    {
        WatcherType.Children => Tree.ChildWatches.ContainsWatcher(path, cnxn),
        WatcherType.Data => Tree.DataWatches.ContainsWatcher(path, cnxn),
        WatcherType.Any => Tree.ChildWatches.ContainsWatcher(path, cnxn) || Tree.DataWatches.ContainsWatcher(path, cnxn),
        _ => false,
    };

    private bool RemoveWatch(string path, WatcherType type, ServerCnxn cnxn)
    {
        switch (type)
        {
            case WatcherType.Children:
                return Tree.ChildWatches.RemoveWatcher(path, cnxn);
            case WatcherType.Data:
                return Tree.DataWatches.RemoveWatcher(path, cnxn);
            case WatcherType.Any:
                var removedChild = Tree.ChildWatches.RemoveWatcher(path, cnxn);
                var removedData = Tree.DataWatches.RemoveWatcher(path, cnxn);
                return removedChild || removedData;
            default:
                return false;
        }
    }

    /// <summary>The short operation names that cons prints (ZooKeeper's Request.op2String, abbreviated as in cons output).</summary>
    private static string ShortName(OpCode op) => op switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => "CREA",
        OpCode.Delete => "DELE",
        OpCode.Exists => "EXIS",
        OpCode.GetData => "GETD",
        OpCode.SetData => "SETD",
        OpCode.GetAcl => "GETA",
        OpCode.SetAcl => "SETA",
        OpCode.GetChildren or OpCode.GetChildren2 => "GETC",
        OpCode.Sync => "SYNC",
        OpCode.Ping => "PING",
        OpCode.Multi or OpCode.MultiRead => "MULT",
        OpCode.CloseSession => "CLOS",
        OpCode.SetWatches or OpCode.SetWatches2 => "SETW",
        _ => op.ToString().ToUpperInvariant()[..Math.Min(4, op.ToString().Length)],
    };
}
