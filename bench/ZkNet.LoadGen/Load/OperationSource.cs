using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Wire;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Load;

/// <summary>Decides and frames each next request of one connection.</summary>
internal sealed class OperationSource
{
    private readonly WorkloadKind _workload;
    private readonly BenchLayout _layout;
    private readonly int _connection;
    private readonly int _readPercent;
    private readonly Random _random;
    private int _keyCursor;

    public OperationSource(LoadOptions options, BenchLayout layout, int connection)
    {
        _workload = options.Workload;
        _layout = layout;
        _connection = connection;
        _readPercent = options.ReadPercent;
        _random = new Random(options.Seed + connection);
        // Connections start at different keys so they do not all hit the same node at the same moment.
        _keyCursor = layout.KeyPaths.Length * connection / Math.Max(1, options.Connections);
    }

    /// <summary>Creates issued so far (create and create-seq), to know what to delete afterwards.</summary>
    public long CreatesIssued { get; private set; }

    public OpCode WriteNext(FrameBuffer buffer, int xid)
    {
        switch (_workload)
        {
            case WorkloadKind.GetData:
                RequestWriter.Write(buffer, xid, OpCode.GetData, _layout.GetData[NextKey()]);
                return OpCode.GetData;
            case WorkloadKind.SetData:
                RequestWriter.Write(buffer, xid, OpCode.SetData, _layout.SetData[NextKey()]);
                return OpCode.SetData;
            case WorkloadKind.Exists:
                RequestWriter.Write(buffer, xid, OpCode.Exists, _layout.Exists[NextKey()]);
                return OpCode.Exists;
            case WorkloadKind.GetChildren:
                RequestWriter.Write(buffer, xid, OpCode.GetChildren, _layout.GetChildren);
                return OpCode.GetChildren;
            case WorkloadKind.Mixed when _random.Next(100) < _readPercent:
                RequestWriter.Write(buffer, xid, OpCode.GetData, _layout.GetData[NextKey()]);
                return OpCode.GetData;
            case WorkloadKind.Mixed:
                RequestWriter.Write(buffer, xid, OpCode.SetData, _layout.SetData[NextKey()]);
                return OpCode.SetData;
            case WorkloadKind.Create:
                var path = _layout.CreatePath(_connection, CreatesIssued++);
                RequestWriter.Write(buffer, xid, OpCode.Create,
                    new CreateRequest(path, _layout.Value, Acl.OpenAclUnsafe, (int)CreateMode.Persistent));
                return OpCode.Create;
            case WorkloadKind.CreateSequential:
                CreatesIssued++;
                RequestWriter.Write(buffer, xid, OpCode.Create,
                    new CreateRequest(_layout.SequencePrefix, _layout.Value, Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
                return OpCode.Create;
            default:
                throw new InvalidOperationException("unknown workload " + _workload);
        }
    }

    private int NextKey()
    {
        var key = _keyCursor;
        _keyCursor = key + 1 == _layout.KeyPaths.Length ? 0 : key + 1;
        return key;
    }
}
