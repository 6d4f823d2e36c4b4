using System.Globalization;

namespace ZkNet.LoadGen.Options;

/// <summary>
/// A small reader of <c>--name value</c> and <c>--flag</c> arguments; every option is consumed once and
/// anything left over is an error, so a typo never silently runs the wrong benchmark.
/// </summary>
internal sealed class ArgReader
{
    private readonly List<string> _args;

    public ArgReader(IEnumerable<string> args) => _args = [.. args];

    public bool Flag(string name)
    {
        var index = _args.IndexOf(name);
        if (index < 0)
        {
            return false;
        }
        _args.RemoveAt(index);
        return true;
    }

    public string? Value(string name)
    {
        var index = _args.IndexOf(name);
        if (index < 0)
        {
            return null;
        }
        if (index + 1 >= _args.Count)
        {
            throw new ArgumentException($"{name} needs a value");
        }
        var value = _args[index + 1];
        _args.RemoveRange(index, 2);
        return value;
    }

    public string String(string name, string fallback) => Value(name) ?? fallback;

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }
        var value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return value >= min ? value : throw new ArgumentException($"{name} must be at least {min}");
    }

    public long? Long(string name)
    {
        var text = Value(name);
        return text is null ? null : long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>A duration as seconds ("10", "2.5") or with a unit ("500ms", "10s", "1m").</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = Value(name);
        return text is null ? fallback : ParseDuration(text);
    }

    public void EnsureEmpty()
    {
        if (_args.Count > 0)
        {
            throw new ArgumentException("unknown argument(s): " + string.Join(' ', _args));
        }
    }

    public static TimeSpan ParseDuration(string text)
    {
        static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (text.EndsWith("ms", StringComparison.Ordinal))
        {
            return TimeSpan.FromMilliseconds(Number(text[..^2]));
        }
        if (text.EndsWith('m'))
        {
            return TimeSpan.FromMinutes(Number(text[..^1]));
        }
        return TimeSpan.FromSeconds(Number(text.TrimEnd('s')));
    }
}
