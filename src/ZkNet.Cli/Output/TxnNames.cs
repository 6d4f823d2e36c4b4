using System.Globalization;
using ZkNet.Protocol;

namespace ZkNet.Cli.Output;

/// <summary>Txn type and error names as ZooKeeper's tools print them (Request.op2String, KeeperException.Code).</summary>
internal static class TxnNames
{
    /// <summary>The name of a txn type.</summary>
    public static string Type(int type) => (OpCode)type switch
    {
        OpCode.Create => "create",
        OpCode.Create2 => "create2",
        OpCode.CreateContainer => "createContainer",
        OpCode.CreateTtl => "createTtl",
        OpCode.Delete => "delete",
        OpCode.DeleteContainer => "deleteContainer",
        OpCode.SetData => "setData",
        OpCode.SetAcl => "setACL",
        OpCode.Check => "check",
        OpCode.Multi => "multi",
        OpCode.Reconfig => "reconfig",
        OpCode.CreateSession => "createSession",
        OpCode.CloseSession => "closeSession",
        OpCode.Error => "error",
        _ => "unknown" + type.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The name of an error code (NodeExists, BadVersion...), or the number when it has none.</summary>
    public static string Error(int code) =>
        Enum.IsDefined((ErrorCode)code) ? ((ErrorCode)code).ToString() : code.ToString(CultureInfo.InvariantCulture);
}
