using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValeoErp.Ui.Services;

/// <summary>
/// A resource read from the API becomes the input to write it back: same JSON shape, different generated class.
/// Round-tripping through JSON keeps every field the form does not show.
/// </summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static TTo Convert<TFrom, TTo>(TFrom value) =>
        JsonSerializer.Deserialize<TTo>(JsonSerializer.Serialize(value, Options), Options)!;

    public static string Pretty(object? value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(Options) { WriteIndented = true });
}
