using System.Diagnostics.CodeAnalysis;

namespace ZkNet.Recipes.Discovery;

/// <summary>How an instance's node lives (Curator's ServiceType, spelled as in its JSON).</summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Curator's JSON values")]
public enum ServiceType
{
    /// <summary>An ephemeral node: the instance disappears when its session ends (the default).</summary>
    DYNAMIC,

    /// <summary>A persistent node, removed only by unregistering.</summary>
    STATIC,

    /// <summary>A persistent node that is not even removed on close.</summary>
    PERMANENT,

    /// <summary>An ephemeral sequential node.</summary>
    DYNAMIC_SEQUENTIAL,
}
