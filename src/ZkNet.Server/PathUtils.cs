namespace ZkNet.Server;

/// <summary>ZooKeeper's znode path rules (the same rules PathUtils.validatePath enforces).</summary>
public static class PathUtils
{
    /// <summary>
    /// Returns null when <paramref name="path"/> is a valid znode path, else the reason. A sequential create is
    /// validated as if its sequence suffix were already there, so "/queue/" is a valid sequential prefix.
    /// </summary>
    public static string? Validate(string? path, bool isSequential = false)
    {
        if (isSequential && path is not null)
        {
            return Validate(path + "1");
        }
        if (string.IsNullOrEmpty(path))
        {
            return "Path length must be > 0";
        }
        if (path[0] != '/')
        {
            return "Path must start with / character";
        }
        if (path.Length == 1)
        {
            return null;
        }
        if (path[^1] == '/')
        {
            return "Path must not end with / character";
        }
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            var atEnd = i == path.Length;
            var c = atEnd ? '/' : path[i];
            if (c == '/')
            {
                var segmentLength = i - segmentStart;
                if (segmentLength == 0)
                {
                    return $"empty node name specified @{i}";
                }
                if (segmentLength == 1 && path[segmentStart] == '.')
                {
                    return $"relative paths not allowed @{i}";
                }
                if (segmentLength == 2 && path[segmentStart] == '.' && path[segmentStart + 1] == '.')
                {
                    return $"relative paths not allowed @{i}";
                }
                segmentStart = i + 1;
                continue;
            }
            if (c == '\0')
            {
                return $"null character not allowed @{i}";
            }
            if (c is > '\u0000' and <= '\u001f' or >= '\u007f' and <= '\u009f' or >= '\ud800' and <= '\uf8ff' or >= '\ufff0')
            {
                return $"invalid character @{i}";
            }
        }
        return null;
    }

    /// <summary>Whether the path is one of ZooKeeper's own nodes that clients may not delete.</summary>
    public static bool IsSpecialPath(string path) => path is "/" or "/zookeeper" or "/zookeeper/quota" or "/zookeeper/config";

    /// <summary>The parent of a valid path ("/" for a top-level node).</summary>
    public static string Parent(string path)
    {
        var lastSlash = path.LastIndexOf('/');
        return lastSlash <= 0 ? "/" : path[..lastSlash];
    }

    /// <summary>The last segment of a valid path.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins a parent path and a child name.</summary>
    public static string Child(string parent, string name) => parent.Length == 1 ? "/" + name : parent + "/" + name;
}
