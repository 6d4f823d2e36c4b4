namespace ZkNet.Client.Internal;

/// <summary>
/// The optional chroot of a connect string: every path the caller gives is sent below it, and every path the
/// server returns (created names, watch events, sync) is given back relative to it.
/// </summary>
internal sealed class Chroot
{
    private readonly string _prefix;

    /// <summary>Creates a chroot; "" or "/" means none.</summary>
    public Chroot(string? prefix) => _prefix = prefix is null or "/" ? string.Empty : prefix;

    /// <summary>The chroot path, or "" when there is none.</summary>
    public string Prefix => _prefix;

    /// <summary>The server path for a client path.</summary>
    public string ToServer(string clientPath)
    {
        if (_prefix.Length == 0)
        {
            return clientPath;
        }
        return clientPath == "/" ? _prefix : _prefix + clientPath;
    }

    /// <summary>
    /// The client path for a server path. A path outside the chroot (which ZooKeeper should never send) is
    /// returned unchanged rather than mangled.
    /// </summary>
    public string ToClient(string serverPath)
    {
        if (_prefix.Length == 0)
        {
            return serverPath;
        }
        if (serverPath == _prefix)
        {
            return "/";
        }
        if (serverPath.Length > _prefix.Length && serverPath.StartsWith(_prefix, StringComparison.Ordinal)
            && serverPath[_prefix.Length] == '/')
        {
            return serverPath[_prefix.Length..];
        }
        return serverPath;
    }

    /// <summary>Whether a server path lies inside the chroot.</summary>
    public bool Contains(string serverPath) =>
        _prefix.Length == 0 || serverPath == _prefix
        || (serverPath.StartsWith(_prefix, StringComparison.Ordinal) && serverPath.Length > _prefix.Length
            && serverPath[_prefix.Length] == '/');
}
