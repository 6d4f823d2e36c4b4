using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>
/// Decodes whole client packets into the records they hold, the way a server must: the header's opcode picks the
/// body record, and a multi is a run of MultiHeader + operation pairs closed by a done header. Test code: it
/// proves our records can read everything the real Java client sends.
/// </summary>
internal static class WireDecoder
{
    /// <summary>Decodes a request packet body (no length prefix). The first packet of a connection is a ConnectRequest.</summary>
    public static List<IJuteRecord> DecodeRequest(ReadOnlySpan<byte> body, bool isConnect, out int remaining)
    {
        var reader = new JuteReader(body);
        var records = new List<IJuteRecord>();
        if (isConnect)
        {
            records.Add(ConnectRequest.Deserialize(ref reader));
        }
        else
        {
            var header = RequestHeader.Deserialize(ref reader);
            records.Add(header);
            ReadRequestBody((OpCode)header.Type, ref reader, records);
        }
        remaining = reader.Remaining;
        return records;
    }

    /// <summary>Reads the record that follows a RequestHeader (or a MultiHeader inside a multi) of type <paramref name="op"/>.</summary>
    public static void ReadRequestBody(OpCode op, ref JuteReader reader, List<IJuteRecord> into)
    {
        switch (op)
        {
            case OpCode.Create or OpCode.Create2 or OpCode.CreateContainer:
                into.Add(CreateRequest.Deserialize(ref reader));
                break;
            case OpCode.CreateTtl:
                into.Add(CreateTtlRequest.Deserialize(ref reader));
                break;
            case OpCode.Delete or OpCode.DeleteContainer:
                into.Add(DeleteRequest.Deserialize(ref reader));
                break;
            case OpCode.Exists:
                into.Add(ExistsRequest.Deserialize(ref reader));
                break;
            case OpCode.GetData:
                into.Add(GetDataRequest.Deserialize(ref reader));
                break;
            case OpCode.SetData:
                into.Add(SetDataRequest.Deserialize(ref reader));
                break;
            case OpCode.GetAcl:
                into.Add(GetAclRequest.Deserialize(ref reader));
                break;
            case OpCode.SetAcl:
                into.Add(SetAclRequest.Deserialize(ref reader));
                break;
            case OpCode.GetChildren:
                into.Add(GetChildrenRequest.Deserialize(ref reader));
                break;
            case OpCode.GetChildren2:
                into.Add(GetChildren2Request.Deserialize(ref reader));
                break;
            case OpCode.Sync:
                into.Add(SyncRequest.Deserialize(ref reader));
                break;
            case OpCode.Check:
                into.Add(CheckVersionRequest.Deserialize(ref reader));
                break;
            case OpCode.Multi or OpCode.MultiRead:
                ReadMulti(ref reader, into, isReply: false);
                break;
            case OpCode.Reconfig:
                into.Add(ReconfigRequest.Deserialize(ref reader));
                break;
            case OpCode.CheckWatches:
                into.Add(CheckWatchesRequest.Deserialize(ref reader));
                break;
            case OpCode.RemoveWatches:
                into.Add(RemoveWatchesRequest.Deserialize(ref reader));
                break;
            case OpCode.Auth:
                into.Add(AuthPacket.Deserialize(ref reader));
                break;
            case OpCode.SetWatches:
                into.Add(SetWatches.Deserialize(ref reader));
                break;
            case OpCode.SetWatches2:
                into.Add(SetWatches2.Deserialize(ref reader));
                break;
            case OpCode.Sasl:
                into.Add(GetSaslRequest.Deserialize(ref reader));
                break;
            case OpCode.GetEphemerals:
                into.Add(GetEphemeralsRequest.Deserialize(ref reader));
                break;
            case OpCode.GetAllChildrenNumber:
                into.Add(GetAllChildrenNumberRequest.Deserialize(ref reader));
                break;
            case OpCode.AddWatch:
                into.Add(AddWatchRequest.Deserialize(ref reader));
                break;
            case OpCode.Ping or OpCode.WhoAmI or OpCode.CloseSession:
                break; // header only
            default:
                throw new JuteException($"no request record for opcode {op}");
        }
    }

    /// <summary>Reads MultiHeader + record pairs up to and including the done header.</summary>
    public static void ReadMulti(ref JuteReader reader, List<IJuteRecord> into, bool isReply)
    {
        while (true)
        {
            var header = MultiHeader.Deserialize(ref reader);
            into.Add(header);
            if (header.Done)
            {
                return;
            }
            if (isReply)
            {
                WireReplyDecoder.ReadReplyBody((OpCode)header.Type, ref reader, into);
            }
            else
            {
                ReadRequestBody((OpCode)header.Type, ref reader, into);
            }
        }
    }
}
