using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>java.util.Properties syntax as ZooKeeper reads zoo.cfg (the differential tests hold the same cases to ZooKeeper itself).</summary>
public sealed class JavaPropertiesTests
{
    private static IReadOnlyList<ConfigEntry> Read(string text) => JavaProperties.Read(text);

    [Theory]
    [InlineData("a=b")]
    [InlineData("a = b")]
    [InlineData("a:b")]
    [InlineData("a : b")]
    [InlineData("a b")]
    [InlineData("a\t\fb")]
    [InlineData("   a=b   ")]
    [InlineData("a   =   b")]
    public void Key_and_value_are_separated_by_equals_colon_or_blanks(string line)
    {
        Assert.Equal([new ConfigEntry("a", "b", 1)], Read(line));
    }

    [Fact]
    public void Only_the_first_separator_counts_and_the_rest_belongs_to_the_value()
    {
        Assert.Equal("=b:c", Read("a==b:c")[0].Value);
        Assert.Equal("b", Read("a =b")[0].Value);
        Assert.Equal("=b", Read("a = =b")[0].Value);
    }

    [Fact]
    public void Comment_and_blank_lines_are_skipped_and_line_numbers_count_them()
    {
        var entries = Read("# one\n! two\n\n   \n  # indented\nkey=value\n");
        Assert.Equal([new ConfigEntry("key", "value", 6)], entries);
    }

    [Fact]
    public void A_hash_after_the_start_of_a_line_is_part_of_the_value()
    {
        Assert.Equal("b # not a comment", Read("a=b # not a comment")[0].Value);
    }

    [Fact]
    public void Odd_trailing_backslashes_continue_the_line_and_drop_the_next_lines_indent()
    {
        var entries = Read("a=one\\\n    two\\\n\tthree\nb=x\\\\\nc=y\n");
        Assert.Equal(new ConfigEntry("a", "onetwothree", 1), entries[0]);
        Assert.Equal(new ConfigEntry("b", "x\\", 4), entries[1]); // an even run is an escaped backslash
        Assert.Equal(new ConfigEntry("c", "y", 5), entries[2]);
    }

    [Fact]
    public void A_comment_is_never_continued_but_a_continued_line_may_start_with_a_hash()
    {
        var entries = Read("# comment \\\na=b\\\n#c\n");
        Assert.Equal([new ConfigEntry("a", "b#c", 2)], entries);
    }

    [Fact]
    public void A_continuation_at_the_end_of_the_file_ends_the_line()
    {
        Assert.Equal([new ConfigEntry("a", "b", 1)], Read("a=b\\"));
    }

    [Theory]
    [InlineData("a=b\r\nc=d")]
    [InlineData("a=b\rc=d")]
    [InlineData("a=b\nc=d\n")]
    public void Lines_end_at_lf_cr_or_crlf(string text)
    {
        Assert.Equal([new ConfigEntry("a", "b", 1), new ConfigEntry("c", "d", 2)], Read(text));
    }

    [Fact]
    public void Escapes_are_decoded_in_keys_and_values()
    {
        var entry = Read("k\\ e\\=y\\:=\\t\\u0041\\u00e9\\q\\\\")[0];
        Assert.Equal("k e=y:", entry.Key);
        Assert.Equal("A\u00e9q\\", entry.Value); // the leading \t is trimmed away, as ZooKeeper trims values
    }

    [Theory]
    [InlineData("a=\\u12")]
    [InlineData("a=\\u12zz")]
    [InlineData("a=\\uxyz1")]
    public void Malformed_unicode_escape_is_refused_with_its_line(string line)
    {
        var error = Assert.Throws<ConfigException>(() => Read("# first\n" + line));
        Assert.Equal(2, error.Line);
        Assert.Contains("Malformed \\uxxxx encoding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_trimmed_of_every_control_character_as_Java_trim_does()
    {
        Assert.Equal("v", Read("a=\\u0001v\\u001f \t")[0].Value);
    }

    [Fact]
    public void The_last_definition_of_a_key_wins_and_keeps_its_own_line()
    {
        var entries = Read("a=1\nb=2\na=3\n");
        Assert.Equal([new ConfigEntry("b", "2", 2), new ConfigEntry("a", "3", 3)], entries);
    }

    [Fact]
    public void A_key_alone_has_an_empty_value()
    {
        Assert.Equal([new ConfigEntry("lonely", "", 1), new ConfigEntry("other", "", 2)], Read("lonely\nother:\n"));
    }
}
