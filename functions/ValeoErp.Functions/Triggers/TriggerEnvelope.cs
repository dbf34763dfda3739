using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValeoErp.Functions.Triggers;

/// <summary>
/// What the Functions host posts to <c>/&lt;FunctionName&gt;</c> for non-HTTP triggers:
/// <c>{"Data": {binding: value}, "Metadata": {...}}</c>. Parsed tolerantly: values may arrive as JSON text,
/// even encoded twice, and numbers in Metadata may be strings.
/// </summary>
public sealed class TriggerEnvelope
{
    private TriggerEnvelope(JsonObject data, JsonObject metadata) => (Data, Metadata) = (data, metadata);

    public JsonObject Data { get; }
    public JsonObject Metadata { get; }

    public static TriggerEnvelope Parse(string body)
    {
        var root = Unwrap(JsonNode.Parse(body)) as JsonObject ?? throw new JsonException("The envelope is not a JSON object.");
        var data = Unwrap(Property(root, "Data")) as JsonObject ?? new JsonObject();
        var metadata = Unwrap(Property(root, "Metadata")) as JsonObject ?? new JsonObject();
        return new TriggerEnvelope(data, metadata);
    }

    /// <summary>The value of a binding (e.g. the Service Bus message body), decoded from JSON text where needed.</summary>
    public JsonNode? Binding(string name) => Unwrap(Property(Data, name));

    public string? Text(string key) => Property(Metadata, key) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => Unquote(s),
        var other => other.ToJsonString(),
    };

    public int? Number(string key) =>
        Property(Metadata, key) switch
        {
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            JsonValue v when v.TryGetValue<long>(out var l) => (int)l,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(Unquote(s), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

    public JsonObject? Object(string key) => Unwrap(Property(Metadata, key)) as JsonObject;

    /// <summary>Peels JSON text layers until a structured value (or plain text) remains.</summary>
    public static JsonNode? Unwrap(JsonNode? node)
    {
        for (var depth = 0; depth < 3 && node is JsonValue value && value.TryGetValue<string>(out var text); depth++)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed[0] is not ('{' or '[' or '"')) return node;
            try { node = JsonNode.Parse(trimmed); }
            catch (JsonException) { return node; }
        }
        return node;
    }

    private static JsonNode? Property(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var exact) ? exact
            : obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? JsonSerializer.Deserialize<string>(s) ?? s : s;
}

/// <summary>The handler's answer to the host: outputs (none: we write through our own adapters), logs, return value.</summary>
public sealed record TriggerResponse(Dictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue)
{
    public static TriggerResponse Ok(params string[] logs) => new([], logs, null);
}
