namespace ZkNet.Client.Internal;

/// <summary>
/// Checks paths before they are sent, with the rules ZooKeeper's client applies (PathUtils.validatePath): absolute,
/// no empty segment, no "." or ".." segment, no trailing slash (except for a sequential create, whose name the
/// server completes), and none of the control or private-use characters ZooKeeper refuses.
/// </summary>
internal static class PathValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="path"/> is not a valid znode path.</summary>
    public static void Validate(string path, bool isSequential = false, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        var reason = Check(isSequential ? path + "1" : path);
        if (reason is not null)
        {
            throw new ArgumentException($"Invalid path \"{path}\": {reason}", paramName);
        }
    }

    private static string? Check(string path)
    {
        if (path.Length == 0)
        {
            return "path length must be > 0";
        }
        if (path[0] != '/')
        {
            return "path must start with / character";
        }
        if (path.Length == 1)
        {
            return null;
        }
        if (path[^1] == '/')
        {
            return "path must not end with / character";
        }
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                var c = path[i];
                if (c == '\0')
                {
                    return $"null character not allowed at {i}";
                }
                if (IsRefused(c))
                {
                    return $"invalid character at {i}";
                }
                continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.Length == 0)
            {
                return $"empty node name specified at {i}";
            }
            if (segment is "." or "..")
            {
                return $"relative paths not allowed at {segmentStart}";
            }
            segmentStart = i + 1;
        }
        return null;
    }

    private static bool IsRefused(char c) =>
        c is > '\u0000' and <= '\u001f' or >= '\u007f' and <= '\u009f' or >= '\ud800' and <= '\uf8ff' or >= '\ufff0';
}
