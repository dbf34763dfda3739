using Microsoft.AspNetCore.Mvc;

namespace ValeoErp.Functions.Http;

/// <summary>A header an operation sets on its success answers (ETag, Location, Idempotent-Replayed).</summary>
public sealed record ResponseHeader(string Name, string Description, int? OnlyStatus = null);

/// <summary>A header an operation reads (If-Match, Idempotency-Key, Last-Event-ID).</summary>
public sealed record RequestHeader(string Name, string Description, bool Required, int? MaxLength = null);

/// <summary>The stable problem types (<c>urn:valeo:problem:&lt;code&gt;</c>) an operation can answer with 409.</summary>
public sealed record ConflictTypes(IReadOnlyList<string> Codes);

/// <summary>
/// The HTTP contract of an endpoint as metadata: its success answer with schema, the headers it reads and sets,
/// and the problems it can answer. The OpenAPI document is built from this metadata (see OpenApiSetup), and the
/// contract tests compare it with what the server really answers.
/// </summary>
public static class Contract
{
    public const string ETag = "ETag", IfMatch = "If-Match", Location = "Location";

    /// <summary>Words as one PascalCase name for an operationId: "Sales order" -> SalesOrder, "VAT rate" -> VatRate.</summary>
    public static string Pascal(string words) =>
        string.Concat(words.Split(' ', '-').Where(w => w.Length > 0)
            .Select(w => char.ToUpperInvariant(w[0]) + (w.All(char.IsUpper) ? w[1..].ToLowerInvariant() : w[1..])));

    /// <summary>200 (or another 2xx) with a JSON body of type <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<T>(status, "application/json");

    /// <summary>201 with the created resource, its Location and its ETag.</summary>
    public static RouteHandlerBuilder ReturnsCreated<T>(this RouteHandlerBuilder builder, bool versioned = true)
    {
        builder.Produces<T>(StatusCodes.Status201Created, "application/json")
            .WithMetadata(new ResponseHeader(Location, "Path of the created resource.", StatusCodes.Status201Created));
        return versioned ? builder.WithETag() : builder;
    }

    /// <summary>202: accepted and still being worked on; the body is the current state, Location where to follow it.</summary>
    public static RouteHandlerBuilder Accepted<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status202Accepted, "application/json")
            .WithMetadata(new ResponseHeader(Location, "Where to follow the work.", StatusCodes.Status202Accepted));

    /// <summary>204 without a body.</summary>
    public static RouteHandlerBuilder ReturnsNothing(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent);

    /// <summary>The answer carries the record's version in <c>ETag</c>, for If-Match on the next write.</summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ResponseHeader(ETag, "Version of the record; send it as If-Match to change the record."));

    /// <summary>Optimistic concurrency: If-Match is required (428 without it, 412 when stale).</summary>
    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequestHeader(IfMatch, "The ETag last read; the write is refused (412) when the record has changed since.", Required: true, MaxLength: 100))
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>400 with field errors (<c>errors</c> by field), also for bodies that are not valid JSON.</summary>
    public static RouteHandlerBuilder Invalid(this RouteHandlerBuilder builder) => builder.ProducesValidationProblem();

    public static RouteHandlerBuilder NotFound(this RouteHandlerBuilder builder) => builder.ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>409 with one of the named rule types (the problem <c>type</c> ends in the code).</summary>
    public static RouteHandlerBuilder Conflicts(this RouteHandlerBuilder builder, params string[] codes) =>
        builder.WithMetadata(new ConflictTypes(codes)).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>401 and 403 problem documents, for every endpoint behind a scope.</summary>
    public static TBuilder ProducesAuthProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [Problems.ContentType]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [Problems.ContentType]));
}
