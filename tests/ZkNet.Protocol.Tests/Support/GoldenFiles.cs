using System.Globalization;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>Reads golden hex files (NNN-*.hex: '#' comment lines, then hex) copied next to the test assembly.</summary>
internal static class GoldenFiles
{
    /// <summary>The files of <paramref name="folder"/> (relative to the output folder), in number order.</summary>
    public static List<(int Number, string Name, byte[] Bytes)> Read(string folder)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, folder);
        var files = new List<(int, string, byte[])>();
        foreach (var path in Directory.GetFiles(directory, "*.hex").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var number = int.Parse(name[..3], CultureInfo.InvariantCulture);
            if (number != files.Count + 1)
            {
                throw new InvalidOperationException($"golden files in {folder} are not numbered 1..n: {name}");
            }
            var hex = string.Concat(File.ReadLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Trim()));
            files.Add((number, name, Convert.FromHexString(hex)));
        }
        return files;
    }
}
