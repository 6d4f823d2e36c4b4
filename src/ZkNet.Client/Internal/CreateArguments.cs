using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>
/// The client-side checks ZooKeeper's client makes on a create before sending it, and what a create sends, alone or
/// inside a multi.
/// </summary>
internal static class CreateArguments
{
    /// <summary>The longest TTL ZooKeeper can encode in a node's ephemeralOwner (40 bits of milliseconds).</summary>
    public const long MaxTtlMilliseconds = 0xFF_FFFF_FFFF;

    /// <summary>Throws when the ACL is empty or the TTL does not fit the mode.</summary>
    public static void Validate(IReadOnlyList<Acl> acl, CreateMode mode, TimeSpan? ttl)
    {
        if (acl is null || acl.Count == 0 || acl.Any(a => a is null))
        {
            // ZooKeeper's client refuses an empty ACL itself, with the same error the server would give.
            throw new InvalidAclException((string?)null);
        }
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown create mode");
        }
        if (mode.IsTtl())
        {
            var ms = ttl is { } t ? (long)t.TotalMilliseconds : 0;
            if (ms <= 0 || ms > MaxTtlMilliseconds)
            {
                throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"a TTL mode needs a TTL between 1 ms and {MaxTtlMilliseconds} ms");
            }
        }
        else if (ttl is not null)
        {
            throw new ArgumentException($"a TTL is only valid with a TTL create mode, not {mode}", nameof(ttl));
        }
    }

    /// <summary>The TTL in whole milliseconds (validated beforehand).</summary>
    public static long TtlMilliseconds(TimeSpan? ttl) => ttl is { } t ? (long)t.TotalMilliseconds : -1;

    /// <summary>Container and TTL creates have their own op codes; any other mode is sent as <paramref name="plain"/>.</summary>
    public static OpCode OpCodeFor(CreateMode mode, OpCode plain) => mode switch
    {
        CreateMode.Container => OpCode.CreateContainer,
        CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl => OpCode.CreateTtl,
        _ => plain,
    };

    /// <summary>The request record for a create (validated beforehand): CreateTtlRequest for a TTL mode, else CreateRequest.</summary>
    public static IJuteRecord Request(string serverPath, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, TimeSpan? ttl) =>
        mode.IsTtl()
            ? new CreateTtlRequest(serverPath, data, acl, (int)mode, TtlMilliseconds(ttl))
            : new CreateRequest(serverPath, data, acl, (int)mode);
}
