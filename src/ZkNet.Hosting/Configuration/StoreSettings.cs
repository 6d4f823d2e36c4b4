namespace ZkNet.Hosting.Configuration;

/// <summary>One of ssl.keyStore.* or ssl.trustStore.*: where the store is, its password, and its type.</summary>
public sealed record StoreSettings
{
    /// <summary>.location: the file.</summary>
    public string? Location { get; init; }

    /// <summary>.password: the store's password.</summary>
    public string? Password { get; init; }

    /// <summary>.passwordPath: a file holding the password (wins over .password, as in ZooKeeper).</summary>
    public string? PasswordPath { get; init; }

    /// <summary>.type: PKCS12, PEM or JKS (refused with a conversion hint); null guesses from the file name.</summary>
    public string? Type { get; init; }
}
