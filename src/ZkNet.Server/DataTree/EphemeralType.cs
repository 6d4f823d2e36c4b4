namespace ZkNet.Server.DataTree;

/// <summary>
/// What a node's ephemeralOwner field encodes, as ZooKeeper's EphemeralType defines it: 0 for a plain persistent
/// node, a session id for an ephemeral, <see cref="EphemeralOwnerCodec.ContainerOwner"/> for a container, and (when extended types are
/// enabled) 0xff in the top byte with the TTL in the low 40 bits for a TTL node.
/// </summary>
public enum EphemeralType
{
    /// <summary>Not ephemeral.</summary>
    Void,
    /// <summary>An ordinary ephemeral node owned by a session.</summary>
    Normal,
    /// <summary>A container.</summary>
    Container,
    /// <summary>A persistent node with a time to live.</summary>
    Ttl,
}

/// <summary>Encoding and decoding of ephemeralOwner values.</summary>
public static class EphemeralOwnerCodec
{
    /// <summary>The owner value marking a container (only the sign bit set).</summary>
    public const long ContainerOwner = long.MinValue;

    /// <summary>The largest TTL in milliseconds (40 bits, about 34 years).</summary>
    public const long MaxTtl = 0xFF_FFFF_FFFF;

    private const long ExtendedMask = unchecked((long)0xFF00_0000_0000_0000);
    private const long ReservedBitsMask = 0x00FF_FF00_0000_0000;

    /// <summary>Classifies an owner value; TTL is only recognised when extended types are enabled, as in ZooKeeper.</summary>
    public static EphemeralType TypeOf(long owner, bool extendedTypesEnabled)
    {
        if (extendedTypesEnabled && (owner & ExtendedMask) == ExtendedMask)
        {
            // The two feature bytes below the mask select the extended type; 0 is TTL, the only one defined.
            return ((owner & ReservedBitsMask) >> 40) == 0 ? EphemeralType.Ttl : EphemeralType.Normal;
        }
        return owner switch
        {
            ContainerOwner => EphemeralType.Container,
            0 => EphemeralType.Void,
            _ => EphemeralType.Normal,
        };
    }

    /// <summary>The owner value of a TTL node.</summary>
    public static long ForTtl(long ttl) => ExtendedMask | ttl;

    /// <summary>The TTL encoded in a TTL node's owner value.</summary>
    public static long TtlOf(long owner) => owner & MaxTtl;

    /// <summary>Whether <paramref name="ttl"/> is a valid TTL (positive, at most 40 bits).</summary>
    public static bool IsValidTtl(long ttl) => ttl > 0 && ttl <= MaxTtl;
}
