using ZkNet.Cli.Output;
using ZkNet.Persistence;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet log dump FILE</c>, ZooKeeper's TxnLogToolkit dump for our files and theirs. The file is read as the last
/// file of its log: a bad record with nothing valid after it is a torn tail (exit 3); damage followed by valid
/// records, a bad header or a record that passes its checksum but does not decode is corruption (exit 1).
/// </summary>
internal static class LogDumpCommand
{
    public static int Run(string file, bool json, ToolConsole console)
    {
        const string Verb = "log dump";
        FileHeader header;
        long fileSize;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            fileSize = stream.Length;
            Span<byte> bytes = stackalloc byte[FileHeader.Size];
            if (stream.ReadAtLeast(bytes, FileHeader.Size, throwOnEndOfStream: false) < FileHeader.Size)
            {
                throw new InvalidDataException($"file is {fileSize} bytes, shorter than a txn log header");
            }
            header = FileHeader.Read(bytes);
            if (header.Magic != FileHeader.TxnLogMagic)
            {
                throw new InvalidDataException($"not a txn log: magic {JsonFields.Magic(header.Magic)}, expected ZKLG");
            }
        }
        catch (Exception e) when (ToolErrors.IsFileProblem(e))
        {
            return ToolErrors.Report(console, Verb, file, e);
        }

        using ILogDumpWriter writer = json ? new LogDumpJson(console) : new LogDumpText(console);
        using var bar = ProgressBar.Start(console, Path.GetFileName(file), fileSize);
        writer.Begin(file, fileSize, header);
        long count = 0;
        try
        {
            using var reader = TxnLogReader.OpenFile(file);
            while (reader.MoveNext())
            {
                writer.Txn(reader.Current);
                if ((++count & 1023) == 1)
                {
                    bar?.Report(reader.Current.Offset);
                }
            }
            writer.End(count, reader.TornTail);
            bar?.Dispose();
            if (reader.TornTail is { } torn)
            {
                console.Error.WriteLine($"zknet {Verb}: {file}: torn record at offset {torn.Offset}: {torn.Reason}");
                return ExitCodes.TornLog;
            }
            return ExitCodes.Ok;
        }
        catch (Exception e) when (ToolErrors.IsFileProblem(e))
        {
            writer.Fail(count, e.Message);
            bar?.Dispose();
            return ToolErrors.Report(console, Verb, file, e);
        }
    }
}
