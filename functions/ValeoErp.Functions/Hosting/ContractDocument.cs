using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// Writes the endpoint metadata of <see cref="Contract"/> into the OpenAPI operations: headers have no typed
/// metadata in ASP.NET Core, so this is where ETag, Location, If-Match and Idempotency-Key become visible;
/// scopes become security requirements, rule types become the 409 description. Value types with their own
/// JSON converters (NodaTime dates, decimal money) get the schema the converters actually write.
/// </summary>
public static class ContractDocument
{
    private static readonly Dictionary<string, string> ProblemText = new()
    {
        ["400"] = "Invalid request: the body, a query value or a header failed validation (errors by field); nothing was changed.",
        ["401"] = "No or invalid bearer token.",
        ["403"] = "The token lacks the scope this operation requires.",
        ["404"] = "No such record in the caller's tenant.",
        ["409"] = "A business rule forbids this; the problem type names the rule.",
        ["412"] = "If-Match does not match the current version: read the record again.",
        ["413"] = "The body is larger than the server accepts.",
        ["415"] = "The body must be application/json.",
        ["422"] = "The Idempotency-Key was used before with a different request, or the write is too large for one atomic commit.",
        ["428"] = "If-Match is required for this write.",
        ["429"] = "Too many calls: the rate limit of this user (or, for anonymous verification, this address) is used up; Retry-After says when to call again.",
        ["503"] = "Not ready: the store or required settings are missing.",
    };

    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        operation.Parameters ??= [];

        if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } scope)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-scope"] = new JsonNodeExtension(JsonValue.Create(scope.Scope));
            operation.Description = $"Requires scope `{scope.Scope}`." + (operation.Description is null ? "" : " " + operation.Description);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [scope.Scope] }];
        }
        else if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
        {
            operation.Security = []; // stated, so a linter and API Management see "no token" as intended
        }

        foreach (var header in metadata.OfType<RequestHeader>())
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name, In = ParameterLocation.Header, Required = header.Required, Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = header.MaxLength },
            });

        // The request guard checks query values and bodies of every operation (RequestGuard): 400 is always possible.
        if (!operation.Responses.ContainsKey("400"))
            operation.Responses["400"] = new OpenApiResponse
            {
                Description = ProblemText["400"],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference("HttpValidationProblemDetails") },
                },
            };

        if (metadata.OfType<ExportableList>().Any() && operation.Responses.TryGetValue("200", out var list) && list is OpenApiResponse listResponse)
        {
            listResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var type in new[] { ListExports.Csv, ListExports.Xlsx })
                listResponse.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "format", In = ParameterLocation.Query, Required = false,
                Description = "`csv` or `xlsx`: the whole list (same filters, every page) as a file for a spreadsheet; `Accept: text/csv` works too.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(csv|xlsx)$" },
            });
        }

        // Every authenticated call counts against the caller's rate limit (Http/RateLimits).
        if (metadata.OfType<RequiredScope>().Any()) AddProblem(operation, "429");
        if (operation.Responses.TryGetValue("429", out var limited) && limited is OpenApiResponse tooMany)
        {
            tooMany.Description = ProblemText["429"];
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before the next call.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        if (operation.RequestBody is not null)
        {
            AddProblem(operation, "413");
            AddProblem(operation, "415");
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            if (status.StartsWith('2'))
            {
                foreach (var header in metadata.OfType<ResponseHeader>().Where(h => h.OnlyStatus is null || h.OnlyStatus.ToString() == status))
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers[header.Name] = new OpenApiHeader
                    {
                        Description = header.Description,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }
            else if (ProblemText.TryGetValue(status, out var text))
            {
                concrete.Description = text;
            }
        }

        // Raw bodies (an e-invoice XML or PDF) are bytes on the wire, not base64 text; 415 and 422 say what they mean there.
        if (operation.RequestBody?.Content is { } media && !media.ContainsKey("application/json"))
        {
            // XML is text (generated clients send it as a string); anything else is binary.
            foreach (var (name, type) in media)
                if (type is OpenApiMediaType concreteType)
                    concreteType.Schema = name.EndsWith("xml", StringComparison.Ordinal)
                        ? new OpenApiSchema { Type = JsonSchemaType.String }
                        : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            if (operation.Responses.TryGetValue("415", out var unsupported) && unsupported is OpenApiResponse u)
                u.Description = "The body must be one of: " + string.Join(", ", media.Keys) + ".";
            if (operation.Responses.TryGetValue("422", out var refused) && refused is OpenApiResponse r)
                r.Description = "The document cannot be accepted; the problem lists the reasons (rules) and nothing was written.";
        }

        if (metadata.OfType<ConflictTypes>().SelectMany(c => c.Codes).Distinct().ToArray() is { Length: > 0 } codes
            && operation.Responses.TryGetValue("409", out var conflict) && conflict is OpenApiResponse conflictResponse)
        {
            conflictResponse.Description = "A business rule forbids this. Problem types: " +
                                           string.Join(", ", codes.Select(Problems.TypeFor)) + ".";
            conflictResponse.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            conflictResponse.Extensions["x-problem-types"] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => JsonValue.Create(Problems.TypeFor(c)))]));
        }

        if (metadata.OfType<ExportableList>().Any() && operation.Responses.TryGetValue("422", out var tooLarge) && tooLarge is OpenApiResponse t)
            t.Description = $"The export would exceed {ListExports.MaxRows:N0} rows: narrow the list with its filters.";
    }

    private static void AddProblem(OpenApiOperation operation, string status)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = ProblemText[status],
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") },
            },
        };
    }

    public static void DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = System.Nullable.GetUnderlyingType(type) ?? type;
        var nullable = underlying != type;
        if (underlying == typeof(LocalDate)) AsString(schema, "date", nullable);
        else if (underlying == typeof(Instant)) AsString(schema, "date-time", nullable);
        else if (underlying == typeof(decimal)) schema.Format = "decimal";
        else if (underlying.IsEnum && schema.Enum is { Count: > 0 })
        {
            // A nullable enum's component lists null as a member; 3.0 has no null type: absent means "none".
            schema.Enum = [.. schema.Enum.Where(value => value is not null)];
            schema.Type = JsonSchemaType.String;
        }

        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(TextEnumAttribute), true)
                .OfType<TextEnumAttribute>().FirstOrDefault() is { } textEnum)
            schema.Enum = [.. textEnum.Names.Select(n => (JsonNode)JsonValue.Create(n)!)];

        // Request bodies are records of nullable fields (so every error is reported at once); what the server
        // requires is what carries [Required].
        if (IsRequestBody(underlying) && schema.Properties is { Count: > 0 })
            schema.Required = new HashSet<string>(context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true)
                .Select(p => p.Name));

        if (underlying == typeof(DevTokenRequest) && schema.Properties?.TryGetValue("roles", out var roles) == true
            && roles is OpenApiSchema { Items: OpenApiSchema items })
            items.Enum = [.. Scopes.ByRole.Keys.Select(r => (JsonNode)JsonValue.Create(r)!)];

        if (Examples.For(type) is { } example) schema.Examples = [example];
    }

    /// <summary>
    /// OpenAPI 3.0 has no null type: a nullable reference comes out of the 3.1 model as oneOf [null, $ref], which
    /// 3.0 tools misread (and linters reject). Rewritten as the plain $ref: 3.0 allows no siblings beside $ref, the
    /// property is optional (not in required), and generators make optional references nullable; the 3.0 idiom
    /// nullable + allOf [$ref] makes NSwag invent a subclass per use. Nullable dates become nullable date strings.
    /// </summary>
    public static void UseNullableIdiom(OpenApiDocument document)
    {
        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in components.Values) Rewrite(schema, components);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>()).Values)
                if (NullableTarget(media.Schema) is { } target) media.Schema = target;
                else Rewrite(media.Schema, components);
            foreach (var response in (operation.Responses ?? []).Values)
                foreach (var media in (response.Content ?? new Dictionary<string, OpenApiMediaType>()).Values)
                    Rewrite(media.Schema, components);
        }
    }

    private static void Rewrite(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components)
    {
        if (schema is not OpenApiSchema concrete) return;
        if (concrete.Properties is { } properties)
            foreach (var name in properties.Keys.ToList())
                if (NullableTarget(properties[name]) is { } target) properties[name] = AsNullable(target, components);
                else Rewrite(properties[name], components);
        if (concrete.Items is { } items)
        {
            if (NullableTarget(items) is { } target) concrete.Items = AsNullable(target, components);
            else Rewrite(items, components);
        }
        if (concrete.AdditionalProperties is { } values)
        {
            if (NullableTarget(values) is { } target) concrete.AdditionalProperties = AsNullable(target, components);
            else Rewrite(values, components);
        }
    }

    private static OpenApiSchemaReference? NullableTarget(IOpenApiSchema? schema) =>
        schema is OpenApiSchema { OneOf.Count: 2 } oneOf
        && oneOf.OneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null } or OpenApiSchema { Enum: [null] })
            ? oneOf.OneOf.OfType<OpenApiSchemaReference>().FirstOrDefault()
            : null;

    private static IOpenApiSchema AsNullable(OpenApiSchemaReference target, IDictionary<string, IOpenApiSchema> components)
    {
        var resolved = target.Reference.Id is { } id && components.TryGetValue(id, out var found) ? found : null;
        if (resolved is { Type: JsonSchemaType.String, Format: { } format } && resolved.Enum is not { Count: > 0 })
            return new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = format };
        return target;
    }

    private static bool IsRequestBody(Type type) =>
        type.Namespace?.StartsWith("ValeoErp.", StringComparison.Ordinal) == true
        && (type.Name.EndsWith("Input", StringComparison.Ordinal) || type.Name.EndsWith("Request", StringComparison.Ordinal));

    private static void AsString(OpenApiSchema schema, string format, bool nullable)
    {
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Format = format;
        schema.Properties?.Clear();
        schema.Required?.Clear();
    }
}
