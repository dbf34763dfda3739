using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Auth;

namespace ValeoErp.Functions.Http;

/// <summary>List parameters shared by every collection: <c>limit</c> (1-200, default 50), <c>continuation</c>, <c>q</c>.</summary>
public static class Paging
{
    public const int DefaultLimit = 50, MaxLimit = 200;

    public static Result<int> Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => new ValidationFailed([new FieldError("limit", $"must be between 1 and {MaxLimit}.")]),
    };
}

public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>
/// Maps a master-data resource onto the conventions of API.md: list, read with ETag, create (201,
/// Location, ETag, Idempotency-Key), update with If-Match (428/412), delete with If-Match.
/// The endpoints only bind, call and map; the rules live in the features.
/// </summary>
public static class ResourceEndpoints
{
    public delegate Task<Result<Versioned<T>>> Create<TInput, T>(IServiceProvider services, TInput input, CancellationToken ct);
    public delegate Task<Result<Versioned<T>>> Update<TInput, T>(IServiceProvider services, string id, string? ifMatch, TInput input, CancellationToken ct);
    public delegate Task<Result<bool>> Delete(IServiceProvider services, string id, string? ifMatch, CancellationToken ct);

    /// <summary>Picks a list label from the query string (e.g. contacts of one partner).</summary>
    public delegate string? LabelFilter(HttpContext http);

    public static RouteGroupBuilder MapReadOnly<T>(this IEndpointRouteBuilder app, ResourceDefinition<T> def, string readScope,
        LabelFilter? filter = null) where T : class
    {
        var group = app.MapGroup(def.Path).WithTags(def.Name);
        group.MapGet("", async (int? limit, string? continuation, string? q, MasterData data, HttpContext http, CancellationToken ct) =>
            {
                var checkedLimit = Paging.Limit(limit);
                if (!checkedLimit.IsSuccess) return Problems.From(checkedLimit.Error!);
                var page = await data.List(def, checkedLimit.Value, continuation, q, ct, filter?.Invoke(http));
                return Results.Json(new ListResponse<T>(page.Items.Select(v => v.Value).ToArray(), page.Continuation), ValeoJson.Options);
            })
            .WithName($"List{Plural(def)}").WithSummary($"List {Plural(def).ToLowerInvariant()} (filter q on name/number, continuation paging)")
            .RequireScope(readScope).Returns<ListResponse<T>>().Invalid().Exportable(Plural(def).ToLowerInvariant());
        group.MapGet("{id}", async (string id, MasterData data, HttpContext http, CancellationToken ct) =>
                Ok(http, def, await data.Get(def, id, ct), 200))
            .WithName($"Get{Key(def)}").WithSummary($"Read one {def.Name.ToLowerInvariant()}; the ETag header carries its version")
            .RequireScope(readScope).Returns<T>().WithETag().NotFound();
        return group;
    }

    public static RouteGroupBuilder MapCrud<TInput, T>(this IEndpointRouteBuilder app, ResourceDefinition<T> def,
        string readScope, string writeScope, Create<TInput, T> create, Update<TInput, T> update, Delete delete,
        LabelFilter? filter = null, string[]? conflicts = null) where T : class where TInput : class
    {
        var group = app.MapReadOnly(def, readScope, filter);
        // Bodies are read by JsonBody rather than bound as a generic parameter: the ASP.NET route
        // analyzer crashes on generic handler parameters. Accepts<TInput> keeps the schema in OpenAPI.
        group.MapPost("", async (HttpContext http, CancellationToken ct) =>
            {
                var body = await JsonBody.Read<TInput>(http, ct);
                return body.IsSuccess ? Ok(http, def, await create(http.RequestServices, body.Value, ct), 201) : Problems.From(body.Error!);
            })
            .Accepts<TInput>("application/json")
            .WithName($"Create{Key(def)}").WithSummary($"Create a {def.Name.ToLowerInvariant()}")
            .RequireScope(writeScope).Idempotent().ReturnsCreated<T>().Invalid().Conflicts(conflicts ?? ["concurrent-write"]);
        group.MapPut("{id}", async (string id, HttpContext http, CancellationToken ct) =>
            {
                var body = await JsonBody.Read<TInput>(http, ct);
                return body.IsSuccess ? Ok(http, def, await update(http.RequestServices, id, IfMatch(http), body.Value, ct), 200) : Problems.From(body.Error!);
            })
            .Accepts<TInput>("application/json")
            .WithName($"Update{Key(def)}").WithSummary($"Replace a {def.Name.ToLowerInvariant()}; needs If-Match")
            .RequireScope(writeScope).Returns<T>().WithETag().Invalid().NotFound().Conflicts(conflicts ?? ["concurrent-write"]).RequiresIfMatch();
        group.MapDelete("{id}", async (string id, HttpContext http, CancellationToken ct) =>
                await delete(http.RequestServices, id, IfMatch(http), ct) is { IsSuccess: false } failed
                    ? Problems.From(failed.Error!)
                    : Results.NoContent())
            .WithName($"Delete{Key(def)}").WithSummary($"Delete a {def.Name.ToLowerInvariant()}; needs If-Match")
            .RequireScope(writeScope).ReturnsNothing().NotFound().Conflicts(conflicts ?? ["concurrent-write"]).RequiresIfMatch();
        return group;
    }

    public static IResult Ok<T>(HttpContext http, ResourceDefinition<T> def, Result<Versioned<T>> result, int status) where T : class
    {
        if (!result.IsSuccess) return Problems.From(result.Error!);
        http.Response.Headers.ETag = result.Value.ETag;
        if (status == 201) http.Response.Headers.Location = $"{def.Path}/{def.IdOf(result.Value.Value)}";
        return Results.Json(result.Value.Value, ValeoJson.Options, statusCode: status);
    }

    public static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch is { Count: > 0 } values ? values.ToString() : null;

    private static string Key<T>(ResourceDefinition<T> def) where T : class => Contract.Pascal(def.Name);

    private static string Plural<T>(ResourceDefinition<T> def) where T : class =>
        def.Path[(def.Path.LastIndexOf('/') + 1)..] switch { var p => string.Concat(p.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) };
}
