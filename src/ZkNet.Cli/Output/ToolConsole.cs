namespace ZkNet.Cli.Output;

/// <summary>
/// Where a file tool writes: results to <see cref="Out"/> (bytes, so JSON can be streamed with Utf8JsonWriter), messages
/// to <see cref="Error"/>. Tests pass their own streams; the executable passes the process's.
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal: the progress bar is drawn only then, so a
/// redirected or piped stderr never fills with carriage returns.</param>
/// <param name="ProgressThreshold">Files smaller than this many bytes get no progress bar (they finish at once).</param>
internal sealed record ToolConsole(Stream Out, TextWriter Error, bool ErrorIsTerminal, long ProgressThreshold = ToolConsole.DefaultProgressThreshold)
{
    /// <summary>16 MiB: below that a dump takes well under a second.</summary>
    public const long DefaultProgressThreshold = 16L * 1024 * 1024;

    /// <summary>The process's own standard streams.</summary>
    public static ToolConsole ForProcess() => new(Console.OpenStandardOutput(), Console.Error, !Console.IsErrorRedirected);

    /// <summary>A buffered UTF-8 writer over <see cref="Out"/> (no BOM); dispose it to flush.</summary>
    public StreamWriter CreateTextWriter() =>
        new(Out, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true) { AutoFlush = false };
}
