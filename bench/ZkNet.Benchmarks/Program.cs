using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ZkNet.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
// dotnet run -c Release --project bench/ZkNet.Benchmarks -- client-throughput --server HOST:PORT   (pipelined getData)
if (args.Length > 0 && args[0] == "client-throughput")
{
    return await ZkNet.Benchmarks.ClientThroughput.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
