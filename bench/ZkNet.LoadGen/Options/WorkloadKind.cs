namespace ZkNet.LoadGen.Options;

/// <summary>What each request of a run does.</summary>
internal enum WorkloadKind
{
    /// <summary>create of a unique persistent path per request.</summary>
    Create,
    /// <summary>create of a persistent sequential node under one parent.</summary>
    CreateSequential,
    /// <summary>setData (version -1) on the key set.</summary>
    SetData,
    /// <summary>getData on the key set.</summary>
    GetData,
    /// <summary>exists on the key set.</summary>
    Exists,
    /// <summary>getChildren of a parent with a fixed number of children.</summary>
    GetChildren,
    /// <summary>getData and setData on the key set, in the configured read share (90/10 by default).</summary>
    Mixed,
}
