using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Crash;

/// <summary>
/// One write a crash-test writer sends, and what it does to the writer's subtree if the server applied it. Every
/// value written is unique, so a value that appears after a crash can be traced to exactly one write.
/// </summary>
internal sealed record WriteOp(int Index, string Description, OpCode Code, IJuteRecord Request, Action<Dictionary<string, NodeValue>> Apply)
{
    public bool Acked { get; set; }

    public static WriteOp Create(int index, string path, string value) =>
        new(index, $"create {path}={value}", OpCode.Create, new CreateRequest(path, Encoding.UTF8.GetBytes(value), Acl.OpenAclUnsafe, 0),
            state => state.Add(path, new NodeValue(value, 0)));

    public static WriteOp SetData(int index, string path, string value, int version) =>
        new(index, $"setData {path}={value} v{version}", OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(value), version),
            state => state[path] = new NodeValue(value, version + 1));

    public static WriteOp Delete(int index, string path, int version) =>
        new(index, $"delete {path} v{version}", OpCode.Delete, new DeleteRequest(path, version), state => state.Remove(path));

    /// <summary>A multi that creates, updates, deletes and checks at once: after a crash all of it or none.</summary>
    public static WriteOp Multi(int index, (string Path, string Value) create, (string Path, string Value, int Version) set,
        (string Path, int Version) delete, (string Path, int Version) check) =>
        new(index, $"multi [create {create.Path}={create.Value}, set {set.Path}={set.Value} v{set.Version}, delete {delete.Path}, check {check.Path}]",
            OpCode.Multi,
            new MultiRequest(
            [
                new MultiOp(OpCode.Create, new CreateRequest(create.Path, Encoding.UTF8.GetBytes(create.Value), Acl.OpenAclUnsafe, 0)),
                new MultiOp(OpCode.SetData, new SetDataRequest(set.Path, Encoding.UTF8.GetBytes(set.Value), set.Version)),
                new MultiOp(OpCode.Delete, new DeleteRequest(delete.Path, delete.Version)),
                new MultiOp(OpCode.Check, new CheckVersionRequest(check.Path, check.Version)),
            ]),
            state =>
            {
                state.Add(create.Path, new NodeValue(create.Value, 0));
                state[set.Path] = new NodeValue(set.Value, set.Version + 1);
                state.Remove(delete.Path);
            });
}
