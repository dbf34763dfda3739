using System.Security.Claims;
using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>
/// <c>GET /api/v1/me</c>: who the token says the caller is and which scopes its roles grant, so that a front end (the
/// console, an integrator's app) offers only what the API would allow, without a copy of the role table.
/// </summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", (RequestContext context, ClaimsPrincipal user) =>
            {
                var actor = context.Actor;
                var roles = user.FindAll("roles").Select(c => c.Value).Where(Scopes.ByRole.ContainsKey).Distinct().Order(StringComparer.Ordinal);
                return Results.Json(new Me(actor.UserId, actor.Tenant.Value, [.. roles], [.. actor.Scopes.Order(StringComparer.Ordinal)]), ValeoJson.Options);
            })
            .WithTags("Identity").WithName("GetMe").WithSummary("The caller: user, tenant, roles and the scopes they grant")
            .RequireScope(Scopes.ProfileRead).Returns<Me>();
        return app;
    }
}

/// <summary>The caller as the API sees them; <c>scopes</c> decide what every operation allows.</summary>
public sealed record Me(string UserId, string Tenant, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);
