namespace ZkNet.Recipes.Internal;

/// <summary>Path helpers with the meaning of Curator's ZKPaths.</summary>
internal static class ZkPaths
{
    /// <summary>Joins a parent path and a child name.</summary>
    public static string MakePath(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;

    /// <summary>The last segment of a path.</summary>
    public static string GetNodeFromPath(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Checks a recipe's base path: absolute, no trailing slash (except the root).</summary>
    public static string Validate(string path, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, paramName);
        if (path[0] != '/' || (path.Length > 1 && path[^1] == '/'))
        {
            throw new ArgumentException("a recipe path is absolute and has no trailing slash: " + path, paramName);
        }
        return path;
    }
}
