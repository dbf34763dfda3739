using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Functions.Http;

/// <summary>
/// RFC 9457 for every failure. The <c>type</c> is <c>urn:valeo:problem:&lt;code&gt;</c> with a stable code
/// clients can switch on (e.g. <c>urn:valeo:problem:duplicate-number</c>).
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static string TypeFor(string code) => $"urn:valeo:problem:{code}";

    public static IResult From(Error error) => error switch
    {
        ValidationFailed v => Results.Json(Validation(v), ValeoJson.Options, ContentType, 400),
        NotFound => Problem(404, error.Code, "Not found", error.Message),
        VersionRequired => Problem(428, error.Code, "If-Match required", error.Message),
        VersionMismatch => Problem(412, error.Code, "Version mismatch", error.Message),
        IdempotencyKeyReused => Problem(422, error.Code, "Idempotency-Key reused", error.Message),
        RuleBroken => Problem(409, error.Code, "Rule broken", error.Message),
        Application.EInvoicing.EInvoiceInvalid invalid => Results.Json(new ProblemDetails
        {
            Type = TypeFor(invalid.Code), Title = "E-invoice invalid", Status = 409, Detail = invalid.Message,
            Extensions = { ["rules"] = invalid.Rules },
        }, ValeoJson.Options, ContentType, 409),
        Application.Documents.EInvoiceRejected rejected => Results.Json(new ProblemDetails
        {
            Type = TypeFor(rejected.Code), Title = "E-invoice not accepted", Status = 422, Detail = rejected.Message,
            Extensions = { ["rules"] = rejected.Rules },
        }, ValeoJson.Options, ContentType, 422),
        _ => Problem(409, error.Code, "Conflict", error.Message),
    };

    public static IResult Problem(int status, string code, string title, string detail) =>
        Results.Json(new ProblemDetails { Type = TypeFor(code), Title = title, Status = status, Detail = detail },
            ValeoJson.Options, ContentType, status);

    public static Task Write(HttpContext http, int status, string code, string title, string detail) =>
        Problem(status, code, title, detail).ExecuteAsync(http);

    public static HttpValidationProblemDetails Validation(ValidationFailed failed) =>
        new(failed.Fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()))
        {
            Type = TypeFor("validation"),
            Title = "Validation failed",
            Status = 400,
            Detail = "One or more fields are invalid; see errors.",
        };

    /// <summary>
    /// Problem details, and bodies that fail parameter binding thrown rather than answered with a bare 400, so they
    /// become field errors like every other validation failure (see UseProblemResponses).
    /// </summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services) =>
        services.AddProblemDetails().Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    private sealed record Refusal(int Status, string Code, string Title, string Detail);

    private static Refusal? Expected(Exception error) => error switch
    {
        BadHttpRequestException { InnerException: JsonException json } =>
            new(400, "malformed-body", "Malformed body", $"The body is not valid JSON for this request: {json.Message.Split(" Path:")[0]}"),
        BadHttpRequestException bad => new(bad.StatusCode, bad.StatusCode == 413 ? "body-too-large" : "bad-request", "Bad request", bad.Message),
        InvalidContinuationException e => new(400, "invalid-continuation", "Invalid continuation", e.Message),
        ChangeSetTooLargeException e => new(422, "too-large", "Too large for one write",
            $"{e.Message} Nothing was written; split the document (fewer lines) and try again."),
        _ => null,
    };

    /// <summary>Unreadable bodies, bad continuation tokens and unexpected failures, as problems too.</summary>
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(async http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, code, title, detail) = error switch
            {
                BadHttpRequestException { InnerException: JsonException json } =>
                    (400, "malformed-body", "Malformed body", $"The body is not valid JSON for this request: {json.Message}"),
                BadHttpRequestException bad => (bad.StatusCode, "bad-request", "Bad request", bad.Message),
                InvalidContinuationException e => (400, "invalid-continuation", "Invalid continuation", e.Message),
                ChangeSetTooLargeException e => (422, "too-large", "Too large for one write",
                    $"{e.Message} Nothing was written; split the document (fewer lines) and try again."),
                _ => (500, "internal", "Internal error", "The request failed; it changed nothing. The error is logged with the trace id."),
            };
            await Write(http, status, code, title, detail);
        }));
        // Failures a client caused are answered here, before the exception handler, so they are not logged
        // as unhandled errors: a bad continuation token is the caller's mistake, not the server's.
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException bad) when (bad.InnerException is JsonException json && !http.Response.HasStarted)
            {
                // A body bound as a parameter that does not fit its type: a field error like JsonBody reports.
                http.Response.Clear();
                await From(JsonBody.FieldError(json)).ExecuteAsync(http);
            }
            catch (Exception e) when (Expected(e) is { } problem && !http.Response.HasStarted)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ValeoErp.Requests")
                    .LogInformation("Request refused: {Problem} ({Status})", problem.Code, problem.Status);
                http.Response.Clear();
                await Write(http, problem.Status, problem.Code, problem.Title, problem.Detail);
            }
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            var status = http.Response.StatusCode;
            var (code, title) = status switch
            {
                404 => ("not-found", "Not found"),
                405 => ("method-not-allowed", "Method not allowed"),
                415 => ("unsupported-media-type", "Unsupported media type"),
                _ => ("http-" + status, "HTTP " + status),
            };
            await Write(http, status, code, title, $"{http.Request.Method} {http.Request.Path} answered {status}.");
        });
        return app;
    }
}
