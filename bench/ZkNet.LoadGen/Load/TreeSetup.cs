using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Wire;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Load;

/// <summary>Creates a run's nodes before it starts and deletes them afterwards (neither is measured).</summary>
internal static class TreeSetup
{
    private const int Window = 256;

    public static async Task CreateAsync(BenchSession session, LoadOptions options, BenchLayout layout, CancellationToken ct)
    {
        // The shared root may exist from an earlier run: NodeExists is fine there, and only there.
        var root = await RequestScript.RunAsync(session, [Create(layout.Root, [])], 1, false, ct).ConfigureAwait(false);
        if (root[0].Err is not 0 and not (int)ErrorCode.NodeExists)
        {
            throw new IOException($"create {layout.Root} failed with error {root[0].Err}");
        }
        var steps = new List<ScriptStep>
        {
            Create(layout.RunRoot, []),
            Create(layout.KeysParent, []),
            Create(layout.ListParent, []),
            Create(layout.SequenceParent, []),
            Create(layout.CreateParent, []),
        };
        if (options.Workload is WorkloadKind.GetData or WorkloadKind.SetData or WorkloadKind.Exists or WorkloadKind.Mixed
            || options.Watchers > 0)
        {
            steps.AddRange(layout.KeyPaths.Select(p => Create(p, layout.Value)));
        }
        if (options.Workload == WorkloadKind.GetChildren)
        {
            steps.AddRange(layout.ChildPaths.Select(p => Create(p, layout.Value)));
        }
        var replies = await RequestScript.RunAsync(session, steps, Window, false, ct).ConfigureAwait(false);
        var failed = Array.FindIndex(replies, r => r.Err != 0);
        if (failed >= 0)
        {
            throw new IOException($"setup: create {((CreateRequest)steps[failed].Record).Path} failed with error {replies[failed].Err}");
        }
    }

    /// <summary>
    /// Deletes the run's subtree. The creates' names are known (unique paths are numbered per connection; a fresh
    /// sequential parent numbers its children from 0), so no getChildren of a huge parent is needed.
    /// </summary>
    public static async Task DeleteAsync(BenchSession session, BenchLayout layout, IReadOnlyList<long> uniqueCreatesByConnection,
        long sequentialCreates, CancellationToken ct)
    {
        var steps = new List<ScriptStep>();
        for (var connection = 0; connection < uniqueCreatesByConnection.Count; connection++)
        {
            for (long n = 0; n < uniqueCreatesByConnection[connection]; n++)
            {
                steps.Add(Delete(layout.CreatePath(connection, n)));
            }
        }
        for (long n = 0; n < sequentialCreates; n++)
        {
            steps.Add(Delete(layout.SequentialPath(n)));
        }
        steps.AddRange(layout.KeyPaths.Select(Delete));
        steps.AddRange(layout.ChildPaths.Select(Delete));
        steps.AddRange(new[] { layout.KeysParent, layout.ListParent, layout.SequenceParent, layout.CreateParent, layout.RunRoot }
            .Select(Delete));
        // NoNode is expected (keys that were never created, creates that failed); deletes are answered in order,
        // so the parents go only after their children.
        await RequestScript.RunAsync(session, steps, Window, false, ct).ConfigureAwait(false);
        // The shared root goes too if no other run is using it (NotEmpty otherwise, which is fine).
        await RequestScript.RunAsync(session, [Delete(layout.Root)], 1, false, ct).ConfigureAwait(false);
    }

    private static ScriptStep Create(string path, byte[] data) =>
        new(OpCode.Create, new CreateRequest(path, data, Acl.OpenAclUnsafe, (int)CreateMode.Persistent));

    private static ScriptStep Delete(string path) => new(OpCode.Delete, new DeleteRequest(path, -1));
}
