using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>One ACL entry: the permissions (<see cref="Perms"/>) granted to an identity.</summary>
/// <param name="Perms">Bit set of <see cref="ZkNet.Protocol.Perms"/>.</param>
/// <param name="Id">The identity.</param>
public sealed record Acl(int Perms, Id Id) : IJuteRecord<Acl>
{
    /// <summary>world:anyone with every permission (ZooKeeper's OPEN_ACL_UNSAFE).</summary>
    public static readonly IReadOnlyList<Acl> OpenAclUnsafe = [new(ZkNet.Protocol.Perms.All, Id.AnyoneIdUnsafe)];

    /// <summary>Every permission for the creator's authenticated identities (ZooKeeper's CREATOR_ALL_ACL).</summary>
    public static readonly IReadOnlyList<Acl> CreatorAllAcl = [new(ZkNet.Protocol.Perms.All, Id.AuthIds)];

    /// <summary>world:anyone may read (ZooKeeper's READ_ACL_UNSAFE).</summary>
    public static readonly IReadOnlyList<Acl> ReadAclUnsafe = [new(ZkNet.Protocol.Perms.Read, Id.AnyoneIdUnsafe)];

    /// <inheritdoc />
    public static Acl Deserialize(ref JuteReader reader)
    {
        var perms = reader.ReadInt();
        return new Acl(perms, Id.Deserialize(ref reader));
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteInt(Perms);
        Id.Serialize(writer);
    }

    /// <summary>Reads a Jute vector of ACL entries; a null vector reads as empty.</summary>
    public static IReadOnlyList<Acl> ReadVector(ref JuteReader reader)
    {
        var count = reader.ReadVectorLength();
        if (count <= 0)
        {
            return [];
        }
        var list = new List<Acl>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Deserialize(ref reader));
        }
        return list;
    }

    /// <summary>Writes a Jute vector of ACL entries; null is written as length -1.</summary>
    public static void WriteVector(JuteWriter writer, IReadOnlyList<Acl>? acl)
    {
        if (acl is null)
        {
            writer.WriteInt(-1);
            return;
        }
        writer.WriteInt(acl.Count);
        foreach (var entry in acl)
        {
            entry.Serialize(writer);
        }
    }
}
