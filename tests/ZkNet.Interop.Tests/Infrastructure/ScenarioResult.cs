using System.Text.Json;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// What a scenario script or program observed: the JSON object it printed on its "RESULT " line, plus the whole
/// process output to put in assertion messages.
/// </summary>
public sealed class ScenarioResult
{
    private const string Marker = "RESULT ";

    private ScenarioResult(JsonElement root, ProcessOutcome outcome)
    {
        Root = root;
        Outcome = outcome;
    }

    /// <summary>The printed object.</summary>
    public JsonElement Root { get; }

    /// <summary>The process run that produced it.</summary>
    public ProcessOutcome Outcome { get; }

    /// <summary>A top-level property; fails the test (with the output) if it is missing.</summary>
    public JsonElement this[string name] =>
        Root.TryGetProperty(name, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"scenario result has no '{name}':\n{Outcome.Describe()}");

    /// <summary>Parses the outcome, failing the test with the full output if the run failed or printed no result.</summary>
    public static ScenarioResult From(ProcessOutcome outcome)
    {
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException("scenario failed:\n" + outcome.Describe());
        }
        var line = outcome.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (line is null)
        {
            throw new Xunit.Sdk.XunitException("scenario printed no RESULT line:\n" + outcome.Describe());
        }
        using var document = JsonDocument.Parse(line[Marker.Length..]);
        return new ScenarioResult(document.RootElement.Clone(), outcome);
    }

    /// <summary>The string form of a property (strings as they are, numbers and other values as raw JSON).</summary>
    public string Text(string name)
    {
        var value = this[name];
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>A string array property.</summary>
    public IReadOnlyList<string> Strings(string name) => this[name].EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>An "ok"-or-error-code property as a ZooKeeper error code (<see cref="ErrorCode.Ok"/> for "ok").</summary>
    public ErrorCode Code(string name) => ErrorCodes.Of(this[name]);

    /// <summary>An integer property.</summary>
    public long Long(string name) => this[name].GetInt64();

    /// <summary>A boolean property.</summary>
    public bool Bool(string name) => this[name].GetBoolean();

    /// <summary>An ACL list property (the kazoo scenarios print perms, scheme and id of each entry).</summary>
    public IReadOnlyList<(int Perms, string Scheme, string Id)> Acls(string name) => AclsOf(this[name]);

    /// <summary>Reads an ACL list printed as objects with perms, scheme and id.</summary>
    public static IReadOnlyList<(int Perms, string Scheme, string Id)> AclsOf(JsonElement list) =>
        list.EnumerateArray().Select(a => (a.GetProperty("perms").GetInt32(), a.GetProperty("scheme").GetString()!,
            a.GetProperty("id").GetString()!)).ToList();

    /// <summary>A Stat object property.</summary>
    public ZnodeStat Stat(string name) => ZnodeStat.From(this[name]);

    /// <inheritdoc />
    public override string ToString() => Outcome.Describe();
}
