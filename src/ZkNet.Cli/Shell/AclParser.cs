using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Shell;

/// <summary>Parses zkCli's ACL text: comma-separated <c>scheme:id:perms</c>, the id itself may hold colons.</summary>
internal static class AclParser
{
    /// <exception cref="ShellUsageException">An entry without the scheme:id:perm form, or an unknown letter.</exception>
    public static List<Acl> Parse(string text)
    {
        var acl = new List<Acl>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = entry.IndexOf(':', StringComparison.Ordinal);
            var last = entry.LastIndexOf(':');
            if (first < 0 || last == first)
            {
                throw new ShellUsageException($"{entry} does not have the form scheme:id:perm");
            }
            var id = new Id(entry[..first], entry[(first + 1)..last]);
            acl.Add(new Acl(ParsePerms(entry[(last + 1)..]), id));
        }
        return acl;
    }

    private static int ParsePerms(string letters)
    {
        var perms = 0;
        foreach (var letter in letters)
        {
            perms |= char.ToLowerInvariant(letter) switch
            {
                'r' => Perms.Read,
                'w' => Perms.Write,
                'c' => Perms.Create,
                'd' => Perms.Delete,
                'a' => Perms.Admin,
                _ => throw new ShellUsageException($"Unknown perm type: {letter}"),
            };
        }
        return perms;
    }
}
