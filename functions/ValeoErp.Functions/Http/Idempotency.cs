using System.Security.Cryptography;
using System.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Functions.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first response is stored in the same atomic write as the effect
/// (see <see cref="MasterData.Respond"/>); a repeat with the same request gets that response again,
/// a different request under the same key gets 422. Failed requests store nothing, so they can be retried.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return await next(invocation);
        if (key.Length > 200 || key.Any(char.IsControl))
            return Problems.Problem(400, "invalid-idempotency-key", "Invalid Idempotency-Key", "The key must be 1-200 printable characters.");

        var context = http.RequestServices.GetRequiredService<RequestContext>();
        var store = http.RequestServices.GetRequiredService<IRecordStore>();
        var hash = await Hash(http);

        if (await Replay(store, context, key, hash, http.RequestAborted) is { } earlier) return earlier;
        context.Idempotency = new IdempotencyRequest(key, hash);
        try
        {
            return await next(invocation);
        }
        catch (IdempotencyRaceException)
        {
            // A twin request committed first; its effect stands and this one changed nothing.
            return await Replay(store, context, key, hash, http.RequestAborted)
                   ?? throw new InvalidOperationException("Idempotency record vanished after a race.");
        }
    }

    private static async Task<IResult?> Replay(IRecordStore store, RequestContext context, string key, string hash, CancellationToken ct)
    {
        var record = await store.FindIdempotency(context.Actor.Tenant, key, ct);
        if (record is null) return null;
        if (record.RequestHash != hash) return Problems.From(new IdempotencyKeyReused());
        return new ReplayedResult(record);
    }

    /// <summary>The request's identity: method, path and the body as compact JSON (whitespace-insensitive).</summary>
    private static async Task<string> Hash(HttpContext http)
    {
        var canonical = $"{http.Request.Method} {http.Request.Path}\n{await JsonBody.Canonical(http, http.RequestAborted)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private sealed class ReplayedResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = record.Status;
            http.Response.ContentType = "application/json; charset=utf-8";
            if (record.Location is not null) http.Response.Headers.Location = record.Location;
            if (record.ETag is not null) http.Response.Headers.ETag = record.ETag;
            http.Response.Headers[ReplayedHeader] = "true";
            await http.Response.WriteAsync(record.Body);
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>
    /// Keyed POSTs keep their body readable after model binding, so the filter can hash exactly what
    /// the handler bound.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            http.Request.EnableBuffering();
        await next(http);
    });

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(
                new RequestHeader(IdempotencyFilter.Header, "Makes the POST safe to retry: the same key with the same body answers the first response again; with another body 422.", Required: false, MaxLength: 200),
                new ResponseHeader(IdempotencyFilter.ReplayedHeader, "true when this answer is the stored first response to the same Idempotency-Key."))
            .ProducesProblem(422);
}
