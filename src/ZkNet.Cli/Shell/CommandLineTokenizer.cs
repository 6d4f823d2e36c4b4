using System.Text;

namespace ZkNet.Cli.Shell;

/// <summary>
/// Splits a command line into words the way zkCli does: whitespace separates words, and a word wrapped in single
/// or double quotes keeps its spaces (the quotes are dropped), so <c>set /a "hello world"</c> stores two words.
/// </summary>
internal static class CommandLineTokenizer
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            if (i >= line.Length)
            {
                break;
            }
            var quote = line[i];
            if (quote is '"' or '\'')
            {
                var end = line.IndexOf(quote, i + 1);
                if (end > i)
                {
                    words.Add(line.Substring(i + 1, end - i - 1));
                    i = end + 1;
                    continue;
                }
            }
            var word = new StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                word.Append(line[i]);
                i++;
            }
            words.Add(word.ToString());
        }
        return words;
    }
}
