using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>An identity in an ACL: a scheme ("world", "auth", "digest", "ip", "super", ...) and an id within it.</summary>
/// <param name="Scheme">The authentication scheme.</param>
/// <param name="Identity">The id within the scheme (e.g. "anyone", "user:hash", "10.0.0.0/8").</param>
public sealed record Id(string Scheme, string Identity) : IJuteRecord<Id>
{
    /// <summary>world:anyone, the identity every client has.</summary>
    public static readonly Id AnyoneIdUnsafe = new("world", "anyone");

    /// <summary>auth: in an ACL, stands for every identity the creating client has authenticated as.</summary>
    public static readonly Id AuthIds = new("auth", "");

    /// <inheritdoc />
    public static Id Deserialize(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadStringOrEmpty());

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteString(Scheme);
        writer.WriteString(Identity);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Scheme}:{Identity}";
}
