using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>
/// The result of one operation of a multi. A failed (or rolled back) operation has type -1 and a non-null
/// error; its body is an ErrorResponse.
/// </summary>
/// <param name="Type">The operation type, or -1 for an error result.</param>
/// <param name="Err">The error code (0 for success; a rolled-back operation of a failed multi reports 0 with type -1).</param>
/// <param name="Body">CreateResponse, Create2Response, SetDataResponse, GetChildrenResponse, GetDataResponse, or null.</param>
public sealed record MultiResult(int Type, int Err, IJuteRecord? Body);

/// <summary>
/// A multi reply: each result preceded by MultiHeader(type, done=false, err), closed by MultiHeader(-1, true, -1).
/// </summary>
/// <param name="Results">One result per operation.</param>
public sealed record MultiResponse(IReadOnlyList<MultiResult> Results) : IJuteRecord<MultiResponse>
{
    /// <inheritdoc />
    public static MultiResponse Deserialize(ref JuteReader reader)
    {
        var results = new List<MultiResult>();
        while (true)
        {
            var header = MultiHeader.Deserialize(ref reader);
            if (header.Done)
            {
                return new MultiResponse(results);
            }
            IJuteRecord? body = (OpCode)header.Type switch
            {
                OpCode.Create => CreateResponse.Deserialize(ref reader),
                OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer => Create2Response.Deserialize(ref reader),
                OpCode.SetData => SetDataResponse.Deserialize(ref reader),
                OpCode.GetChildren => GetChildrenResponse.Deserialize(ref reader),
                OpCode.GetData => GetDataResponse.Deserialize(ref reader),
                OpCode.Error => ErrorResponse.Deserialize(ref reader),
                OpCode.Delete or OpCode.Check => null,
                _ => throw new JuteException($"invalid result type {header.Type} in multi response"),
            };
            var err = body is ErrorResponse error ? error.Err : header.Err;
            results.Add(new MultiResult(header.Type, err, body));
        }
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        foreach (var result in Results)
        {
            new MultiHeader(result.Type, false, result.Err).Serialize(writer);
            if (result.Type == (int)OpCode.Error)
            {
                new ErrorResponse(result.Err).Serialize(writer);
            }
            else
            {
                result.Body?.Serialize(writer);
            }
        }
        new MultiHeader(-1, true, -1).Serialize(writer);
    }
}
