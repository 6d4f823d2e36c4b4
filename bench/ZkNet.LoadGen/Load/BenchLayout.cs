using System.Globalization;
using ZkNet.LoadGen.Options;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Load;

/// <summary>
/// Where a run's nodes live, and the immutable request records for them, built once so the hot loop allocates
/// nothing for reads and updates:
/// <c>ROOT/RUN/keys/kN</c> (get, set, exists, mixed), <c>ROOT/RUN/list/cN</c> (children),
/// <c>ROOT/RUN/seq/s-NNNNNNNNNN</c> (create-seq) and <c>ROOT/RUN/create/cCONN-N</c> (create).
/// </summary>
internal sealed class BenchLayout
{
    public BenchLayout(LoadOptions options, string runId)
    {
        Root = options.RootPath;
        RunRoot = $"{Root}/{runId}";
        Value = new byte[options.ValueSize];
        // A fixed, non-zero pattern: nothing on the path should get to compress or skip zeros.
        for (var i = 0; i < Value.Length; i++)
        {
            Value[i] = (byte)('a' + (i % 26));
        }
        KeyPaths = [.. Enumerable.Range(0, options.Keys).Select(i => $"{KeysParent}/k{i.ToString(CultureInfo.InvariantCulture)}")];
        ChildPaths = [.. Enumerable.Range(0, options.Children).Select(i => $"{ListParent}/c{i.ToString(CultureInfo.InvariantCulture)}")];
        GetData = [.. KeyPaths.Select(p => new GetDataRequest(p, options.Watch))];
        SetData = [.. KeyPaths.Select(p => new SetDataRequest(p, Value, -1))];
        Exists = [.. KeyPaths.Select(p => new ExistsRequest(p, options.Watch))];
        GetChildren = new GetChildrenRequest(ListParent, options.Watch);
    }

    public string Root { get; }

    public string RunRoot { get; }

    public string KeysParent => RunRoot + "/keys";

    public string ListParent => RunRoot + "/list";

    public string SequenceParent => RunRoot + "/seq";

    public string CreateParent => RunRoot + "/create";

    /// <summary>The prefix of sequential nodes; the server appends a 10-digit counter.</summary>
    public string SequencePrefix => SequenceParent + "/s-";

    public byte[] Value { get; }

    public string[] KeyPaths { get; }

    public string[] ChildPaths { get; }

    public GetDataRequest[] GetData { get; }

    public SetDataRequest[] SetData { get; }

    public ExistsRequest[] Exists { get; }

    public GetChildrenRequest GetChildren { get; }

    public string CreatePath(int connection, long n) =>
        string.Create(CultureInfo.InvariantCulture, $"{CreateParent}/c{connection}-{n}");

    public string SequentialPath(long n) =>
        string.Create(CultureInfo.InvariantCulture, $"{SequencePrefix}{n:D10}");
}
