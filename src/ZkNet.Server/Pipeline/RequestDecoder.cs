using System.Diagnostics;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// Turns one frame from a client into a <see cref="Request"/>. Runs on the connection's reader, off the processor
/// thread. A record that does not decode becomes a request with <see cref="Request.DecodeError"/> set (answered
/// MarshallingError, as ZooKeeper does); an unknown opcode keeps its number and no record (answered Unimplemented).
/// An auth or SASL packet that does not decode is a protocol error instead: ZooKeeper reads those before its request
/// pipeline, where the failure closes the connection without a reply.
/// </summary>
public static class RequestDecoder
{
    /// <summary>Decodes the first frame of a connection, which must be a ConnectRequest.</summary>
    public static Request DecodeConnect(ServerCnxn cnxn, ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new JuteReader(frame);
            var connect = ConnectRequest.Deserialize(ref reader);
            return new Request { Kind = RequestKind.Connect, Cnxn = cnxn, Record = connect, ReceivedTimestamp = Stopwatch.GetTimestamp() };
        }
        catch (JuteException ex)
        {
            return new Request { Kind = RequestKind.Connect, Cnxn = cnxn, DecodeError = ex.Message, ReceivedTimestamp = Stopwatch.GetTimestamp() };
        }
    }

    /// <summary>Decodes a RequestHeader and the record its opcode calls for.</summary>
    /// <exception cref="JuteException">The frame is too short to hold a RequestHeader, or it is an auth or SASL
    /// packet whose record does not decode.</exception>
    public static Request Decode(ServerCnxn cnxn, ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = RequestHeader.Deserialize(ref reader);
        var op = (OpCode)header.Type;
        object? record = null;
        string? error = null;
        try
        {
            record = DecodeBody(op, ref reader);
        }
        catch (JuteException ex) when (op is not (OpCode.Auth or OpCode.Sasl))
        {
            error = ex.Message;
        }
        if (op == OpCode.MultiRead && record is MultiRequest multiRead && multiRead.Ops.Any(o => o.Type is not (OpCode.GetData or OpCode.GetChildren)))
        {
            // ZooKeeper's FinalRequestProcessor fails a multiRead on its first op that is not a read ("Invalid type of
            // op") and answers MarshallingError; nothing of the multiRead is applied.
            record = null;
            error = "multiRead holds an operation that is not getData or getChildren";
        }
        return new Request
        {
            Kind = RequestKind.Client,
            Cnxn = cnxn,
            Xid = header.Xid,
            Op = op,
            Record = record,
            DecodeError = error,
            ReceivedTimestamp = Stopwatch.GetTimestamp(),
        };
    }

    /// <summary>
    /// Decodes a request a learner forwarded (ZooKeeper's REQUEST packet): the record bytes of <paramref name="op"/>,
    /// or, for createSession, the 4-byte session timeout. A record that does not decode is answered as from a client.
    /// </summary>
    public static Request DecodeForwarded(long learner, long sessionId, int cxid, OpCode op, ReadOnlySpan<byte> body, IReadOnlyList<Id>? authInfo)
    {
        object? record = null;
        string? error = null;
        try
        {
            var reader = new JuteReader(body);
            record = op == OpCode.CreateSession ? reader.ReadInt() : DecodeBody(op, ref reader);
        }
        catch (JuteException ex)
        {
            error = ex.Message;
        }
        return new Request
        {
            Kind = RequestKind.Client,
            Learner = learner,
            SessionId = sessionId,
            Xid = cxid,
            Op = op,
            Record = record,
            DecodeError = error,
            AuthInfo = authInfo,
            ReceivedTimestamp = Stopwatch.GetTimestamp(),
        };
    }

    private static object? DecodeBody(OpCode op, ref JuteReader reader) => op switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Deserialize(ref reader),
        OpCode.CreateTtl => CreateTtlRequest.Deserialize(ref reader),
        OpCode.Delete => DeleteRequest.Deserialize(ref reader),
        OpCode.Exists => ExistsRequest.Deserialize(ref reader),
        OpCode.GetData => GetDataRequest.Deserialize(ref reader),
        OpCode.SetData => SetDataRequest.Deserialize(ref reader),
        OpCode.GetAcl => GetAclRequest.Deserialize(ref reader),
        OpCode.SetAcl => SetAclRequest.Deserialize(ref reader),
        OpCode.GetChildren => GetChildrenRequest.Deserialize(ref reader),
        OpCode.GetChildren2 => GetChildren2Request.Deserialize(ref reader),
        OpCode.Sync => SyncRequest.Deserialize(ref reader),
        OpCode.Check => CheckVersionRequest.Deserialize(ref reader),
        OpCode.Multi or OpCode.MultiRead => MultiRequest.Deserialize(ref reader),
        OpCode.Reconfig => ReconfigRequest.Deserialize(ref reader),
        OpCode.CheckWatches => CheckWatchesRequest.Deserialize(ref reader),
        OpCode.RemoveWatches => RemoveWatchesRequest.Deserialize(ref reader),
        OpCode.GetAllChildrenNumber => GetAllChildrenNumberRequest.Deserialize(ref reader),
        OpCode.GetEphemerals => GetEphemeralsRequest.Deserialize(ref reader),
        OpCode.SetWatches => SetWatches.Deserialize(ref reader),
        OpCode.SetWatches2 => SetWatches2.Deserialize(ref reader),
        OpCode.AddWatch => AddWatchRequest.Deserialize(ref reader),
        OpCode.Auth => AuthPacket.Deserialize(ref reader),
        OpCode.Sasl => GetSaslRequest.Deserialize(ref reader),
        // ping, closeSession and whoAmI carry no record; anything else is unknown and has none to read.
        _ => null,
    };
}
