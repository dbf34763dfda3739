using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Functions.Http;

/// <summary>Reads a JSON request body once (buffered, so a filter may have hashed it) and reports bad bodies as problems.</summary>
public static class JsonBody
{
    private const string Key = "valeo:body";

    public static async Task<Result<T>> Read<T>(HttpContext http, CancellationToken ct)
    {
        if (http.Items.TryGetValue(Key, out var cached) && cached is Result<T> known) return known;
        var result = await Parse<T>(http, ct);
        http.Items[Key] = result;
        return result;
    }

    private static async Task<Result<T>> Parse<T>(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
            return new ValidationFailed([new FieldError("body", "must be JSON (Content-Type: application/json).")]);
        try
        {
            http.Request.EnableBuffering();
            http.Request.Body.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, ValeoJson.Api, ct);
            return value is null
                ? new ValidationFailed([new FieldError("body", "is required.")])
                : Result<T>.Ok(value);
        }
        catch (JsonException e)
        {
            return FieldError(e);
        }
    }

    /// <summary>A body that does not fit its type, as a field error at the JSON path where reading stopped.</summary>
    public static ValidationFailed FieldError(JsonException e) =>
        new([new FieldError(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body",
            "is not valid JSON for this field: " + e.Message.Split(" Path:")[0])]);

    /// <summary>The body as compact JSON (whitespace-insensitive), or its raw text when it is not JSON.</summary>
    public static async Task<string> Canonical(HttpContext http, CancellationToken ct)
    {
        http.Request.EnableBuffering();
        http.Request.Body.Position = 0;
        using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(ct);
        http.Request.Body.Position = 0;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(doc.RootElement);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
