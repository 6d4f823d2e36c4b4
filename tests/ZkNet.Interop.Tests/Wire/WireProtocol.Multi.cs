using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Wire;

/// <summary>The multi and multiRead encodings: a MultiHeader before every op and result, and a closing one.</summary>
public abstract partial class WireProtocol
{
    private static readonly MultiHeader End = new(-1, true, -1);

    [Fact]
    public async Task A_failing_multi_replies_with_err_0_in_its_header_and_an_error_result_per_op()
    {
        var root = UniquePath.For("wire-multi");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        var (header, body) = await raw.RequestAsync(OpCode.Multi, new Records(
            new MultiHeader((int)OpCode.Create, false, -1), new CreateRequest(root + "/a", [], Acl.OpenAclUnsafe, 0),
            new MultiHeader((int)OpCode.Delete, false, -1), new DeleteRequest(root + "/missing", -1),
            new MultiHeader((int)OpCode.SetData, false, -1), new SetDataRequest(root, [1], -1),
            End));
        Assert.Equal(0, header.Err);
        // Each result: MultiHeader(type -1, done false, err) then ErrorResponse(err); then MultiHeader(-1, true, -1).
        Assert.Equal(
            [(-1, 0), (-1, (int)ErrorCode.NoNode), (-1, (int)ErrorCode.RuntimeInconsistency)],
            ReadResults(body).Select(r => (r.Header.Type, r.Header.Err)));
        Assert.Equal(ErrorCode.NoNode, (await raw.ExistsAsync(root + "/a")).Err);
    }

    [Fact]
    public async Task A_successful_multi_replies_with_each_ops_own_response_and_a_multiRead_with_reads_and_errors()
    {
        var root = UniquePath.For("wire-multi-ok");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        var (header, body) = await raw.RequestAsync(OpCode.Multi, new Records(
            new MultiHeader((int)OpCode.Create, false, -1), new CreateRequest(root + "/b", [], Acl.OpenAclUnsafe, 0),
            new MultiHeader((int)OpCode.Check, false, -1), new CheckVersionRequest(root, 0),
            End));
        Assert.Equal(0, header.Err);
        var results = ReadResults(body);
        Assert.Equal([((int)OpCode.Create, 0), ((int)OpCode.Check, 0)], results.Select(r => (r.Header.Type, r.Header.Err)));
        Assert.Equal(root + "/b", results[0].Path);

        var (readHeader, readBody) = await raw.RequestAsync(OpCode.MultiRead, new Records(
            new MultiHeader((int)OpCode.GetChildren, false, -1), new GetChildrenRequest(root, false),
            new MultiHeader((int)OpCode.GetData, false, -1), new GetDataRequest(root + "/missing", false),
            End));
        Assert.Equal(0, readHeader.Err);
        var reads = ReadResults(readBody);
        Assert.Equal([((int)OpCode.GetChildren, 0), (-1, (int)ErrorCode.NoNode)], reads.Select(r => (r.Header.Type, r.Header.Err)));
        Assert.Equal(["b"], reads[0].Children);
    }

    /// <summary>Parses a multi reply body: results until the closing MultiHeader, which must be (-1, true, -1).</summary>
    private static List<(MultiHeader Header, string? Path, IReadOnlyList<string>? Children)> ReadResults(byte[] body)
    {
        var results = new List<(MultiHeader, string?, IReadOnlyList<string>?)>();
        var reader = new JuteReader(body);
        while (true)
        {
            var header = MultiHeader.Deserialize(ref reader);
            if (header.Done)
            {
                Assert.Equal(End, header);
                Assert.Equal(0, reader.Remaining);
                return results;
            }
            switch ((OpCode)header.Type)
            {
                case OpCode.Error:
                    Assert.Equal(header.Err, ErrorResponse.Deserialize(ref reader).Err);
                    results.Add((header, null, null));
                    break;
                case OpCode.Create:
                    results.Add((header, CreateResponse.Deserialize(ref reader).Path, null));
                    break;
                case OpCode.GetChildren:
                    results.Add((header, null, GetChildrenResponse.Deserialize(ref reader).Children));
                    break;
                case OpCode.Check:
                    results.Add((header, null, null));
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"unexpected result type {header.Type}");
            }
        }
    }

    /// <summary>Several records written one after another as one request body.</summary>
    private sealed class Records(params IJuteRecord[] records) : IJuteRecord
    {
        public void Serialize(JuteWriter writer)
        {
            foreach (var record in records)
            {
                record.Serialize(writer);
            }
        }
    }
}
