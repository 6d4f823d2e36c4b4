using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZkNet.Recipes.Discovery;

/// <summary>
/// One registered instance of a service, in Curator's ServiceInstance JSON (property names and casing included), so
/// Curator's ServiceDiscovery reads what ZkNet registers and the reverse.
/// </summary>
/// <typeparam name="T">The payload's type (serialized with System.Text.Json as a JSON value).</typeparam>
public sealed record ServiceInstance<T>
{
    /// <summary>The service's name (the node under the base path).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>This instance's id (its node's name), unique within the service.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = Guid.NewGuid().ToString("D");

    /// <summary>Where to reach it.</summary>
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary>Its port, if any.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; init; }

    /// <summary>Its TLS port, if any.</summary>
    [JsonPropertyName("sslPort")]
    public int? SslPort { get; init; }

    /// <summary>Application data (metadata), if any.</summary>
    [JsonPropertyName("payload")]
    public T? Payload { get; init; }

    /// <summary>When it registered, in milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("registrationTimeUTC")]
    public long RegistrationTimeUtc { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>How its node lives.</summary>
    [JsonPropertyName("serviceType")]
    [JsonConverter(typeof(JsonStringEnumConverter<ServiceType>))]
    public ServiceType ServiceType { get; init; } = ServiceType.DYNAMIC;

    /// <summary>Curator's URI template, kept as the JSON it is (null when none).</summary>
    [JsonPropertyName("uriSpec")]
    public JsonElement? UriSpec { get; init; }

    /// <summary>Whether it takes traffic.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;
}
