namespace ZkNet.Hosting.Configuration;

/// <summary>ssl.clientAuth: whether the server asks for a client certificate on TLS connections.</summary>
public enum ClientAuthMode
{
    /// <summary>No client certificate is asked for.</summary>
    None,

    /// <summary>One is asked for; a client without one is still accepted (one that sends an untrusted one is not).</summary>
    Want,

    /// <summary>A trusted client certificate is required (ZooKeeper's default).</summary>
    Need,
}
