using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace ValeoErp.Application.Abstractions;

/// <summary>One JSON convention for the API and for stored records: camelCase, enums as camelCase strings, ISO dates.</summary>
public static class ValeoJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// Request bodies: as <see cref="Options"/>, but numbers must be JSON numbers (API.md: money is a JSON number),
    /// so the contract states <c>type: number</c> and "12.5" in a number field is a field error.
    /// </summary>
    public static JsonSerializerOptions Api { get; } = ConfigureApi(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions ConfigureApi(JsonSerializerOptions options)
    {
        Configure(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // ISO patterns as API.md asks: LocalDate yyyy-MM-dd, Instant in extended ISO (UTC, 'Z').
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
