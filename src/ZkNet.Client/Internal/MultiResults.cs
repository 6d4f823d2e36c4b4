using ZkNet.Client.Multi;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>Builds multi requests from <see cref="Op"/>s and turns multi replies into typed <see cref="OpResult"/>s.</summary>
internal static class MultiResults
{
    /// <summary>The wire request for <paramref name="ops"/>, with paths under the chroot.</summary>
    public static MultiRequest ToRequest(IReadOnlyList<Op> ops, Chroot chroot) =>
        new([.. ops.Select(op => new MultiOp(op.OpCode, op.ToRequest(chroot.ToServer(op.Path))))]);

    /// <summary>Reads a multi reply into typed results, paths made relative to the chroot.</summary>
    public static IReadOnlyList<OpResult> Read(ref JuteReader body, Chroot chroot)
    {
        var response = MultiResponse.Deserialize(ref body);
        var results = new List<OpResult>(response.Results.Count);
        foreach (var result in response.Results)
        {
            results.Add(result.Body switch
            {
                Create2Response created => new CreateOpResult(chroot.ToClient(created.Path), created.Stat),
                CreateResponse created => new CreateOpResult(chroot.ToClient(created.Path), null),
                SetDataResponse set => new SetDataOpResult(set.Stat),
                GetDataResponse data => new GetDataOpResult(data.Data ?? [], data.Stat),
                GetChildrenResponse children => new GetChildrenOpResult(children.Children),
                ErrorResponse error => new ErrorOpResult((ErrorCode)error.Err),
                _ => (OpCode)result.Type switch
                {
                    OpCode.Delete => new DeleteOpResult(),
                    OpCode.Check => new CheckOpResult(),
                    _ => throw new JuteException($"unexpected result type {result.Type} in a multi reply"),
                },
            });
        }
        return results;
    }
}
