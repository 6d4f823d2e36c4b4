using ZkNet.Client.Internal;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Creates a node inside a multi; its result is a <see cref="CreateOpResult"/> carrying the name and Stat.</summary>
/// <param name="Path">The path (for sequential modes, the prefix the server completes).</param>
/// <param name="Data">The data, or null.</param>
/// <param name="Acl">The ACL (not empty).</param>
/// <param name="Mode">The create mode.</param>
/// <param name="Ttl">The time to live, required for TTL modes and refused for the others.</param>
public sealed record CreateOp(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, CreateMode Mode, TimeSpan? Ttl) : Op(Path)
{
    // Container and TTL nodes have their own opcodes; the others use create2 so the result carries the Stat.
    internal override OpCode OpCode => CreateArguments.OpCodeFor(Mode, OpCode.Create2);

    internal override void Validate()
    {
        PathValidation.Validate(Path, Mode.IsSequential());
        CreateArguments.Validate(Acl, Mode, Ttl);
    }

    internal override IJuteRecord ToRequest(string serverPath) => CreateArguments.Request(serverPath, Data, Acl, Mode, Ttl);
}
