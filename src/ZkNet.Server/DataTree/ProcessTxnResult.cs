using ZkNet.Protocol.Records;

namespace ZkNet.Server.DataTree;

/// <summary>What applying one txn (or one operation of a multi) produced, for the reply.</summary>
public sealed class ProcessTxnResult
{
    /// <summary>The txn's type (an <see cref="ZkNet.Protocol.OpCode"/> value).</summary>
    public int Type { get; set; }

    /// <summary>The result code (0 for success).</summary>
    public int Err { get; set; }

    /// <summary>The affected path (create returns the actual sequential name).</summary>
    public string? Path { get; set; }

    /// <summary>The node's Stat after the change, where the reply carries one.</summary>
    public Stat? Stat { get; set; }

    /// <summary>Per-operation results of a multi.</summary>
    public List<ProcessTxnResult>? MultiResult { get; set; }
}
