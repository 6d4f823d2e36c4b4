using System.Text.Json;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>A Stat as a client reported it (the scenarios print every field under ZooKeeper's names).</summary>
public sealed record ZnodeStat(long Czxid, long Mzxid, long Ctime, long Mtime, int Version, int Cversion, int Aversion,
    long EphemeralOwner, int DataLength, int NumChildren, long Pzxid)
{
    /// <summary>Reads the JSON object a scenario printed.</summary>
    public static ZnodeStat From(JsonElement e) => new(
        e.GetProperty("czxid").GetInt64(), e.GetProperty("mzxid").GetInt64(), e.GetProperty("ctime").GetInt64(),
        e.GetProperty("mtime").GetInt64(), e.GetProperty("version").GetInt32(), e.GetProperty("cversion").GetInt32(),
        e.GetProperty("aversion").GetInt32(), e.GetProperty("ephemeralOwner").GetInt64(),
        e.GetProperty("dataLength").GetInt32(), e.GetProperty("numChildren").GetInt32(), e.GetProperty("pzxid").GetInt64());
}
