using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>A node's ACL and Stat, as getACL returns them.</summary>
/// <param name="Acl">The ACL entries.</param>
/// <param name="Stat">The node's Stat (its aversion is the ACL version setACL checks).</param>
public sealed record AclResult(IReadOnlyList<Acl> Acl, Stat Stat);
