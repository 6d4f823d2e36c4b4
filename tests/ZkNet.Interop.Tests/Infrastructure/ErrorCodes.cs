using System.Text.Json;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Reads the "ok"-or-error-code values the scenarios print for each call.</summary>
public static class ErrorCodes
{
    /// <summary>The ZooKeeper error a scenario reported, with <see cref="ErrorCode.Ok"/> for "ok".</summary>
    public static ErrorCode Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() == "ok" => ErrorCode.Ok,
        JsonValueKind.Number => (ErrorCode)value.GetInt32(),
        _ => throw new Xunit.Sdk.XunitException("not an ok/error-code value: " + value.GetRawText()),
    };
}
