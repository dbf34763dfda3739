using System.ComponentModel.DataAnnotations;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Hosting;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Auth;

public sealed record DevTokenRequest(
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")] string? TenantId,
    [property: Required, MaxLength(64)] string? UserId,
    [property: Required, MinLength(1)] string[]? Roles);

public sealed record DevTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>
/// Local shape only: issues a signed token for any tenant, user and roles, and provisions the tenant on
/// its first token. In the Azure shape the route answers 404 like any unknown path.
/// </summary>
public static class DevToken
{
    private const int Lifetime = 3600;

    public static void MapDevToken(this IEndpointRouteBuilder app, RuntimeShape shape)
    {
        if (shape != RuntimeShape.Local) return;
        app.MapPost("/api/v1/dev/token", Issue)
            .AllowAnonymous()
            .WithTags("Local identity").WithName("IssueDevToken")
            .WithSummary("Issue a development token (local shape only); provisions a new tenant")
            .Returns<DevTokenResponse>().Invalid();
    }

    private static async Task<IResult> Issue(DevTokenRequest request, ProvisionTenant provision, RequestContext context, IClock clock,
        SymmetricSecurityKey key, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var tenant = TenantId.Parse(request.TenantId);
        if (!tenant.IsSuccess) errors.Add("tenantId", tenant.Error!.Message);
        var user = errors.Required("userId", request.UserId, 64);
        if (request.Roles is not { Length: > 0 }) errors.Add("roles", "name at least one role.");
        else if (request.Roles.FirstOrDefault(r => !Scopes.ByRole.ContainsKey(r)) is { } unknown)
            errors.Add("roles", $"'{unknown}' is no role; known roles: {string.Join(", ", Scopes.ByRole.Keys)}.");
        if (errors.Any) return Problems.From(errors.ToError());

        // The caller becomes the tenant's first actor: provisioning is audited under their name.
        context.Actor = new Actor(tenant.Value, user!, new HashSet<string>());
        await provision.Handle(tenant.Value, tenant.Value.Value, user!, ct);

        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var claims = new List<Claim> { new("sub", user!), new("tenant", tenant.Value.Value) };
        claims.AddRange(request.Roles!.Distinct().Select(r => new Claim("roles", r)));
        var token = new JwtSecurityToken(LocalSigningKey.Issuer, LocalSigningKey.Audience, claims,
            notBefore: now, expires: now.AddSeconds(Lifetime),
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return Results.Ok(new DevTokenResponse(new JwtSecurityTokenHandler().WriteToken(token), Lifetime));
    }
}
