namespace ZkNet.Client;

/// <summary>An authentication scheme and its credentials, as addAuth sends them (e.g. "digest", "user:password").</summary>
/// <param name="Scheme">The scheme: "digest", "ip", "x509"... ; the server must have a provider for it.</param>
/// <param name="Data">The credentials, in the scheme's own format.</param>
public sealed record AuthCredential(string Scheme, byte[] Data)
{
    /// <summary>Whether two credentials are the same scheme and bytes.</summary>
    public bool Equals(AuthCredential? other) =>
        other is not null && Scheme == other.Scheme && Data.AsSpan().SequenceEqual(other.Data);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Scheme, Data.Length);
}
