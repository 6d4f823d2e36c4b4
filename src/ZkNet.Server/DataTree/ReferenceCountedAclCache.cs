using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.DataTree;

/// <summary>
/// Interns ACL lists: nodes hold a long reference instead of their own copy, as ZooKeeper's
/// ReferenceCountedACLCache does, and snapshots store the map of references to lists. Reference -1 is the
/// well-known world:anyone/ALL list. Used by the request processor thread only.
/// </summary>
public sealed class ReferenceCountedAclCache
{
    /// <summary>The reference of OPEN_ACL_UNSAFE, fixed by ZooKeeper's format.</summary>
    public const long OpenUnsafeAclRef = -1;

    private readonly Dictionary<long, Entry> _byRef = [];
    private readonly Dictionary<AclListKey, long> _byList = [];
    private long _nextRef = 1;

    /// <summary>Number of distinct lists held.</summary>
    public int Count => _byRef.Count;

    /// <summary>Returns the reference for <paramref name="acl"/>, adding one usage.</summary>
    public long AddUsage(IReadOnlyList<Acl> acl)
    {
        if (IsOpenUnsafe(acl))
        {
            return OpenUnsafeAclRef;
        }
        var key = new AclListKey(acl);
        if (_byList.TryGetValue(key, out var existing))
        {
            _byRef[existing].References++;
            return existing;
        }
        var reference = _nextRef++;
        _byList[key] = reference;
        _byRef[reference] = new Entry(acl) { References = 1 };
        return reference;
    }

    /// <summary>Drops one usage of <paramref name="reference"/>, forgetting the list when none remain.</summary>
    public void RemoveUsage(long reference)
    {
        if (reference == OpenUnsafeAclRef || !_byRef.TryGetValue(reference, out var entry))
        {
            return;
        }
        if (--entry.References <= 0)
        {
            _byRef.Remove(reference);
            _byList.Remove(new AclListKey(entry.Acl));
        }
    }

    /// <summary>The list a reference stands for.</summary>
    public IReadOnlyList<Acl> Lookup(long reference) =>
        reference == OpenUnsafeAclRef ? Acl.OpenAclUnsafe
        : _byRef.TryGetValue(reference, out var entry) ? entry.Acl
        : throw new InvalidOperationException($"ACL reference {reference} is not in the cache");

    /// <summary>Whether a node may point at <paramref name="reference"/>: the open ACL or a cached list.</summary>
    public bool Resolves(long reference) => reference == OpenUnsafeAclRef || _byRef.ContainsKey(reference);

    /// <summary>Every reference and its list (for snapshots).</summary>
    public IEnumerable<KeyValuePair<long, IReadOnlyList<Acl>>> Entries =>
        _byRef.Select(kv => new KeyValuePair<long, IReadOnlyList<Acl>>(kv.Key, kv.Value.Acl));

    /// <summary>Restores a reference from a snapshot (usage counts are rebuilt as nodes are loaded).</summary>
    public void Restore(long reference, IReadOnlyList<Acl> acl)
    {
        _byRef[reference] = new Entry(acl);
        _byList[new AclListKey(acl)] = reference;
        _nextRef = Math.Max(_nextRef, reference + 1);
    }

    /// <summary>Adds one usage of a reference restored from a snapshot.</summary>
    public void AddUsage(long reference)
    {
        if (reference != OpenUnsafeAclRef && _byRef.TryGetValue(reference, out var entry))
        {
            entry.References++;
        }
    }

    private static bool IsOpenUnsafe(IReadOnlyList<Acl> acl) =>
        acl.Count == 1 && acl[0].Perms == Perms.All && acl[0].Id.Scheme == "world" && acl[0].Id.Identity == "anyone";

    private sealed class Entry(IReadOnlyList<Acl> acl)
    {
        public IReadOnlyList<Acl> Acl { get; } = acl;

        public long References { get; set; }
    }

    /// <summary>Structural equality over an ACL list, for interning.</summary>
    private readonly struct AclListKey(IReadOnlyList<Acl> acl) : IEquatable<AclListKey>
    {
        private readonly IReadOnlyList<Acl> _acl = acl;

        public bool Equals(AclListKey other) => _acl.SequenceEqual(other._acl);

        public override bool Equals(object? obj) => obj is AclListKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var entry in _acl)
            {
                hash.Add(entry);
            }
            return hash.ToHashCode();
        }
    }
}
