using System.CommandLine;

namespace ZkNet.Cli.CommandLine;

/// <summary>
/// A top-level zknet verb: a System.CommandLine command that also carries the usage printed after one of its
/// command-line errors (null: the error line alone, as <c>zknet server</c> has always answered).
/// </summary>
internal sealed class Verb(string name, string? errorUsage) : Command(name)
{
    /// <summary>What follows an error's "zknet VERB: message" line on stderr.</summary>
    public string? ErrorUsage { get; } = errorUsage;
}
