using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>
/// Decodes whole server packets: the reply's xid names the request it answers (so its opcode), xid -1 is a
/// watch notification, and an error reply carries no body. Test code, the client-side twin of <see cref="WireDecoder"/>.
/// </summary>
internal static class WireReplyDecoder
{
    /// <summary>Decodes a reply packet body (no length prefix). The first packet of a connection is a ConnectResponse.</summary>
    public static List<IJuteRecord> DecodeReply(ReadOnlySpan<byte> body, bool isConnect, Func<int, OpCode> opOfXid, out int remaining)
    {
        var reader = new JuteReader(body);
        var records = new List<IJuteRecord>();
        if (isConnect)
        {
            records.Add(ConnectResponse.Deserialize(ref reader));
            remaining = reader.Remaining;
            return records;
        }
        var header = ReplyHeader.Deserialize(ref reader);
        records.Add(header);
        switch (header.Xid)
        {
            case Xids.Notification:
                records.Add(WatcherEvent.Deserialize(ref reader));
                break;
            case Xids.Ping or Xids.Auth:
                break;
            default:
                // ZooKeeper sends no body with a failed reply (multi is the exception: its results say what failed).
                var op = opOfXid(header.Xid);
                if (header.Err == 0 || op is OpCode.Multi or OpCode.MultiRead)
                {
                    ReadReplyBody(op, ref reader, records);
                }
                break;
        }
        remaining = reader.Remaining;
        return records;
    }

    /// <summary>Reads the record that follows a successful reply (or a multi result header) for <paramref name="op"/>.</summary>
    public static void ReadReplyBody(OpCode op, ref JuteReader reader, List<IJuteRecord> into)
    {
        switch (op)
        {
            case OpCode.Create:
                into.Add(CreateResponse.Deserialize(ref reader));
                break;
            case OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl:
                into.Add(Create2Response.Deserialize(ref reader));
                break;
            case OpCode.Exists:
                into.Add(ExistsResponse.Deserialize(ref reader));
                break;
            case OpCode.GetData:
                into.Add(GetDataResponse.Deserialize(ref reader));
                break;
            case OpCode.SetData:
                into.Add(SetDataResponse.Deserialize(ref reader));
                break;
            case OpCode.GetAcl:
                into.Add(GetAclResponse.Deserialize(ref reader));
                break;
            case OpCode.SetAcl:
                into.Add(SetAclResponse.Deserialize(ref reader));
                break;
            case OpCode.GetChildren:
                into.Add(GetChildrenResponse.Deserialize(ref reader));
                break;
            case OpCode.GetChildren2:
                into.Add(GetChildren2Response.Deserialize(ref reader));
                break;
            case OpCode.Sync:
                into.Add(SyncResponse.Deserialize(ref reader));
                break;
            case OpCode.GetEphemerals:
                into.Add(GetEphemeralsResponse.Deserialize(ref reader));
                break;
            case OpCode.GetAllChildrenNumber:
                into.Add(GetAllChildrenNumberResponse.Deserialize(ref reader));
                break;
            case OpCode.WhoAmI:
                into.Add(WhoAmIResponse.Deserialize(ref reader));
                break;
            case OpCode.Sasl:
                into.Add(SetSaslResponse.Deserialize(ref reader));
                break;
            // Apache ZooKeeper 3.8 answers addWatch with a 4-byte body (an ErrorResponse holding 0), seen on the wire.
            case OpCode.AddWatch or OpCode.Error:
                into.Add(ErrorResponse.Deserialize(ref reader));
                break;
            case OpCode.Multi or OpCode.MultiRead:
                WireDecoder.ReadMulti(ref reader, into, isReply: true);
                break;
            case OpCode.Delete or OpCode.Check or OpCode.RemoveWatches or OpCode.CheckWatches or OpCode.CloseSession
                or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.Ping or OpCode.Auth:
                break; // header only
            default:
                throw new JuteException($"no reply record for opcode {op}");
        }
    }
}
