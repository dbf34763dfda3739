using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Functions.Hosting;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Auth;

/// <summary>
/// JWT bearer for both shapes: locally tokens from the dev endpoint signed with the local key; in Azure
/// Entra ID tokens (authority + audience from configuration). Either way the tenant comes from one claim
/// of the token and the roles become scopes through <see cref="Scopes.ByRole"/>.
/// </summary>
public static class AuthSetup
{
    public static IServiceCollection AddValeoAuth(this IServiceCollection services, IConfiguration config, RuntimeShape shape)
    {
        var tenantClaim = config["Auth:TenantClaim"] ?? "tenant";
        var localKey = shape == RuntimeShape.Local ? LocalSigningKey.LoadOrCreate(StorageSetup.DataDirectory(config)) : null;
        if (localKey is not null) services.AddSingleton(localKey);
        services.AddSingleton<ValidatedTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = "sub",
                RoleClaimType = "roles",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (localKey is { } key)
            {
                options.TokenValidationParameters.ValidIssuer = LocalSigningKey.Issuer;
                options.TokenValidationParameters.ValidAudience = LocalSigningKey.Audience;
                options.TokenValidationParameters.IssuerSigningKey = key;
            }
            else
            {
                options.Authority = config["Auth:Authority"];
                options.Audience = config["Auth:Audience"];
                options.TokenValidationParameters.ValidAudiences = [config["Auth:Audience"]];
            }
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (ValidatedTokens.Bearer(context.Request) is { } token
                        && context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Find(token) is { } principal)
                    {
                        context.Principal = principal;
                        context.Success();
                    }
                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    AddScopes(context, tenantClaim);
                    if (context.Result is null && context.SecurityToken is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt)
                        context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Add(jwt.EncodedToken, context.Principal!, jwt.ValidTo);
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.Write(context.HttpContext, 401, "unauthorized", "Authentication required",
                        context.AuthenticateFailure is null ? "Send a bearer token in the Authorization header." : "The bearer token is not valid.");
                },
                OnForbidden = context => Problems.Write(context.HttpContext, 403, "forbidden", "Missing scope",
                    "Your roles do not grant the scope this operation needs."),
            };
        });

        // Token lifetimes are checked against the same clock that issues them (and that tests control).
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<NodaTime.IClock>((options, clock) =>
            options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetCurrentInstant().ToDateTimeUtc();
                return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                       && (expires is null || expires.Value >= now - parameters.ClockSkew);
            });

        services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All)
                options.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireClaim(Scopes.ClaimType, scope));
            // No fallback policy: it would answer 401 instead of 404 for unknown paths. That every endpoint
            // declares a scope (or is on the reviewed anonymous list) is enforced by EndpointScopeTests.
        });
        return services;
    }

    /// <summary>Copies the authenticated caller into the request context the features read.</summary>
    public static IApplicationBuilder UseActorContext(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(TenantClaimType) is { } tenant)
        {
            var context = http.RequestServices.GetRequiredService<RequestContext>();
            context.Actor = new Actor(TenantId.Parse(tenant).Value, user.FindFirstValue("sub") ?? "unknown",
                user.FindAll(Scopes.ClaimType).Select(c => c.Value).ToHashSet());
        }
        await next(http);
    });

    private const string TenantClaimType = "valeo:tenant";

    private static Task AddScopes(TokenValidatedContext context, string tenantClaim)
    {
        var principal = context.Principal!;
        var tenant = TenantId.Parse(principal.FindFirstValue(tenantClaim));
        if (!tenant.IsSuccess || principal.FindFirstValue("sub") is null)
        {
            context.Fail("The token names no valid tenant or subject.");
            return Task.CompletedTask;
        }
        var identity = new ClaimsIdentity();
        identity.AddClaim(new Claim(TenantClaimType, tenant.Value.Value));
        foreach (var scope in Scopes.For(principal.FindAll("roles").Select(c => c.Value)))
            identity.AddClaim(new Claim(Scopes.ClaimType, scope));
        principal.AddIdentity(identity);
        return Task.CompletedTask;
    }
}
