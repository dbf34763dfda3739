using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Functions.Http;

/// <summary>
/// Checks the shape of every request before an endpoint sees it, so malformed input is a 400 (or 413) problem
/// and never reaches a handler: bodies over <see cref="MaxBodyBytes"/>, JSON that does not parse or nests too
/// deep, <c>null</c> inside arrays (handlers may rely on elements being present), query values that are too long,
/// and numeric query parameters that are empty or not numbers (ASP.NET Core binds an empty value as "absent").
/// </summary>
public static class RequestGuard
{
    public const long MaxBodyBytes = 1024 * 1024;
    /// <summary>E-invoice imports may be PDFs with fonts and images: a larger limit on that one route.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;
    public const int MaxQueryValueLength = 1000;
    private const int MaxDepth = 32;

    public static IApplicationBuilder UseRequestGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Trigger envelopes come from the Functions host on loopback and are parsed by their endpoint, which
        // answers non-2xx for a bad one; their metadata arrays hold nulls (a message without a CorrelationId).
        if (http.GetEndpoint()?.Metadata.GetMetadata<Triggers.TriggerFunction>() is not null)
        {
            await next(http);
            return;
        }
        var errors = new FieldErrors();
        CheckQuery(http, errors);
        if (errors.Any)
        {
            await Problems.From(errors.ToError()).ExecuteAsync(http);
            return;
        }
        if (HasBody(http.Request))
        {
            var limit = http.Request.Path.StartsWithSegments(Endpoints.EInvoiceImportEndpoint.Path) ? MaxImportBytes : MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                await TooLarge(http, limit);
                return;
            }
            if (http.Request.HasJsonContentType())
            {
                http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes);
                var checkedBody = await CheckBody(http);
                http.Request.Body.Position = 0;
                if (checkedBody is { } problem)
                {
                    await problem.ExecuteAsync(http);
                    return;
                }
            }
        }
        await next(http);
    });

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static Task TooLarge(HttpContext http, long limit) =>
        Problems.Write(http, 413, "body-too-large", "Body too large", $"The body may hold at most {limit / 1024} KiB.");

    private static async Task<IResult?> CheckBody(HttpContext http)
    {
        byte[] body;
        try
        {
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            body = copy.ToArray();
        }
        catch (IOException)
        {
            // EnableBuffering's limit: a body without Content-Length that grew past the maximum.
            return Problems.Problem(413, "body-too-large", "Body too large", $"The body may hold at most {MaxBodyBytes / 1024} KiB.");
        }
        if (body.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var errors = new FieldErrors();
            FindNullElements(document.RootElement, "", errors);
            return errors.Any ? Problems.From(errors.ToError()) : null;
        }
        catch (JsonException e)
        {
            return Problems.From(new ValidationFailed([new FieldError("body",
                $"is not valid JSON (at most {MaxDepth} levels deep): {e.Message.Split(" Path:")[0]}")]));
        }
    }

    private static void FindNullElements(JsonElement element, string path, FieldErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    FindNullElements(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", errors);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = $"{(path.Length == 0 ? "body" : path)}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null) errors.Add(itemPath, "must not be null.");
                    else FindNullElements(item, itemPath, errors);
                }
                break;
        }
    }

    private static void CheckQuery(HttpContext http, FieldErrors errors)
    {
        foreach (var (key, values) in http.Request.Query)
            if (values.Any(v => v?.Length > MaxQueryValueLength))
                errors.Add(key, $"may hold at most {MaxQueryValueLength} characters.");
        if (http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is not { } handler) return;
        foreach (var parameter in handler.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is null || !IsNumber(type)) continue;
            if (!http.Request.Query.TryGetValue(parameter.Name, out var values)) continue;
            var text = values.ToString();
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | (type == typeof(decimal) ? NumberStyles.AllowDecimalPoint : 0),
                    CultureInfo.InvariantCulture, out var number) || (type != typeof(decimal) && !FitsInt32(type, number)))
                errors.Add(parameter.Name, text.Length == 0 ? "is empty; leave the parameter out or give a number." : "must be a whole number.");
        }
    }

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(decimal);

    private static bool FitsInt32(Type type, decimal number) =>
        type == typeof(long) ? number is >= long.MinValue and <= long.MaxValue : number is >= int.MinValue and <= int.MaxValue;
}
