using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Reading zoo.cfg from disk.</summary>
public sealed class ZooCfgLoadTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zknet-load-" + Guid.NewGuid().ToString("N")[..10]);

    public ZooCfgLoadTests() => Directory.CreateDirectory(Path.Combine(_directory, "conf"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Relative_dataDir_resolves_against_the_working_directory_not_the_files_folder()
    {
        var path = Path.Combine(_directory, "conf", "zoo.cfg");
        File.WriteAllText(path, "dataDir=data\nclientPort=2181\n");
        var config = ZooCfgParser.Load(path);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), config.DataDir);
    }

    [Fact]
    public void File_is_read_as_UTF8()
    {
        var path = Path.Combine(_directory, "conf", "zoo.cfg");
        File.WriteAllText(path, "dataDir=/srv/zöo\nclientPort=2181\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal("/srv/zöo", ZooCfgParser.Load(path).DataDir);
    }

    [Fact]
    public void Missing_file_is_a_ConfigException_naming_it()
    {
        var path = Path.Combine(_directory, "nope.cfg");
        var error = Assert.Throws<ConfigException>(() => ZooCfgParser.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }
}
