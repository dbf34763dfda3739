using System.Text.Json;


namespace ValeoErp.Ui.Services;

/// <summary>
/// An API problem document as the console shows it: title and detail, and the messages per field, which forms put
/// next to the field they name (field names as the API writes them: <c>address.city</c>, <c>lines[1].quantity</c>).
/// </summary>
public sealed record Problem(int Status, string Title, string? Detail, string? Type, IReadOnlyDictionary<string, string[]> Errors)
{
    public string? For(string field) =>
        Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages)
        : Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } m ? string.Join(" ", m) : null;

    /// <summary>Errors that no field on the form claims: shown with the title.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Unclaimed(IEnumerable<string> fields)
    {
        var claimed = fields.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Errors.Where(e => !claimed.Contains(e.Key));
    }

    public static Problem From(Exception error) => error switch
    {
        ValeoErp.Client.ValeoApiException api => Parse(api.StatusCode, api.Response),
        HttpRequestException http => new Problem(0, "network", http.Message, null, Empty),
        _ => new Problem(0, error.GetType().Name, error.Message, null, Empty),
    };

    public static Problem Parse(int status, string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new Problem(status, $"HTTP {status}", null, null, Empty);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new Problem(status, $"HTTP {status}", body, null, Empty);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(v => v.ToString())]
                        : [field.Value.ToString()];
            return new Problem(status, Text(root, "title") ?? $"HTTP {status}", Text(root, "detail"), Text(root, "type"), errors);
        }
        catch (JsonException)
        {
            return new Problem(status, $"HTTP {status}", body, null, Empty);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}
