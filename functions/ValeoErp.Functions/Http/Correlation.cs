using System.Diagnostics;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Functions.Http;

/// <summary>
/// Every request gets a correlation id (the caller's X-Correlation-Id, else the W3C trace id) that is
/// echoed back and stored with the audit entries and events it causes.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var incoming = http.Request.Headers[Header].ToString();
        var id = incoming is { Length: > 0 and <= 100 } && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        var context = http.RequestServices.GetRequiredService<RequestContext>();
        context.CorrelationId = id;
        // W3C trace context: the current activity when tracing is on, else the caller's header as received.
        var header = http.Request.Headers["traceparent"].ToString();
        context.TraceParent = Activity.Current?.Id ?? (ActivityContext.TryParse(header, null, out _) ? header : null);
        http.Response.Headers[Header] = id;
        await next(http);
    });
}
