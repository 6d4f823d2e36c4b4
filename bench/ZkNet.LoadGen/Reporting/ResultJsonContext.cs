using System.Text.Json.Serialization;
using ZkNet.LoadGen.Compare;

namespace ZkNet.LoadGen.Reporting;

/// <summary>Source-generated JSON for the reports (camelCase, indented).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(CompareReport))]
[JsonSerializable(typeof(List<ZkNet.LoadGen.Restart.RestartResult>))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
