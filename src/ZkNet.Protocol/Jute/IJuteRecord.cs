namespace ZkNet.Protocol.Jute;

/// <summary>A record of zookeeper.jute that can write itself in Jute encoding.</summary>
public interface IJuteRecord
{
    /// <summary>Writes the record's fields in IDL order.</summary>
    void Serialize(JuteWriter writer);
}

/// <summary>A record of zookeeper.jute that can also be read back.</summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IJuteRecord<TSelf> : IJuteRecord
    where TSelf : IJuteRecord<TSelf>
{
    /// <summary>Reads the record's fields in IDL order.</summary>
    static abstract TSelf Deserialize(ref JuteReader reader);
}
