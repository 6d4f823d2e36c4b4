namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// One operation on a single register as a client saw it: when it was invoked and when it completed (null: it failed
/// with an unknown outcome, e.g. the connection was lost before the reply), and the value it wrote or read.
/// </summary>
internal sealed record RegisterOp(int Client, bool IsWrite, string Value, long Invoked, long? Completed)
{
    public override string ToString() =>
        $"c{Client} {(IsWrite ? "write" : "read")} {Value} [{Invoked}, {(Completed is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}]";
}
