using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Watches;

/// <summary>
/// Something that receives watch notifications: in practice a client connection, which stages the event in its
/// output so that it leaves before any later reply on that connection.
/// </summary>
public interface IWatcher
{
    /// <summary>Delivers one event for <paramref name="path"/> (called on the request processor thread).</summary>
    void Process(EventType type, string path, long zxid);

    /// <summary>
    /// Delivers one event caused by a change to a node whose ACL is <paramref name="acl"/> (for NodeChildrenChanged,
    /// the parent's). A connection drops the event when its identities may not READ that node, as ZooKeeper's fix
    /// for CVE-2024-23944 does (ServerCnxn.process(event, znodeAcl)); otherwise a persistent recursive watch on a
    /// readable node would reveal the paths below it. This default, for watchers that are not connections, delivers.
    /// </summary>
    void Process(EventType type, string path, long zxid, IReadOnlyList<Acl> acl) => Process(type, path, zxid);

    /// <summary>The session the watcher belongs to (for wchc and the watch dumps).</summary>
    long SessionId { get; }
}
