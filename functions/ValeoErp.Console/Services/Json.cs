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

    /// <summary>
    /// An object of strings and string maps as one flat list of fields ("bank", "revenue.standard"), for a form that
    /// edits every value; <see cref="Unflatten{T}"/> builds the object back.
    /// </summary>
    public static Dictionary<string, string?> Flatten<T>(T value)
    {
        var flat = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, node) in JsonSerializer.SerializeToNode(value, Options)!.AsObject())
        {
            if (node is System.Text.Json.Nodes.JsonObject map)
                foreach (var (inner, v) in map) flat[$"{key}.{inner}"] = v?.GetValue<string>();
            else if (node is not null) flat[key] = node.GetValue<string>();
        }
        return flat;
    }

    public static T Unflatten<T>(IReadOnlyDictionary<string, string?> flat)
    {
        var root = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in flat)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) { root[key] = value; continue; }
            var outer = key[..dot];
            if (root[outer] is not System.Text.Json.Nodes.JsonObject map) root[outer] = map = [];
            map[key[(dot + 1)..]] = value;
        }
        return root.Deserialize<T>(Options)!;
    }

    public static string Pretty(object? value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(Options) { WriteIndented = true });
}
