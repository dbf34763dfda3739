using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValeoErp.Client;

/// <summary>Hand-written half of the generated <c>ValeoClient</c> (obj/ValeoClient.g.cs).</summary>
public partial class ValeoClient
{
    /// <summary>
    /// The API writes enums as camelCase strings (ValeoJson); the document lists their values without a type,
    /// so the generator puts no converter on the properties.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
}
