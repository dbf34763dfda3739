using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
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
        services.AddSingleton<ValidatedTokens>();
        services.AddSingleton<ProvisionedTenants>();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (shape == RuntimeShape.Local)
        {
            // Local shape only: tokens from the dev endpoint, signed with the key generated into the data folder.
            var localKey = LocalSigningKey.LoadOrCreate(StorageSetup.DataDirectory(config));
            services.AddSingleton(localKey);
            authentication.AddJwtBearer(options => options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = LocalSigningKey.Issuer, ValidAudience = LocalSigningKey.Audience, IssuerSigningKey = localKey,
            });
        }
        else if (string.IsNullOrEmpty(config["Auth:Authority"]) || string.IsNullOrEmpty(config["Auth:ClientId"]))
        {
            // Azure shape without its Entra settings (readyz names them): no token can be valid, every call is 401.
            authentication.AddJwtBearer(options => options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true, ValidIssuer = "urn:valeo:unconfigured", ValidAudience = "urn:valeo:unconfigured",
                IssuerSigningKeys = [],
            });
        }
        else
        {
            // Azure shape: Entra ID access tokens through Microsoft.Identity.Web (metadata, signing keys, its issuer
            // validator for the tenant, the roles-or-scp check). Auth:Authority is https://login.microsoftonline.com/{tid}/v2.0.
            var (instance, entraTenant) = SplitAuthority(config["Auth:Authority"]);
            authentication.AddMicrosoftIdentityWebApi(_ => { }, identity =>
            {
                identity.Instance = instance ?? "https://login.microsoftonline.com/";
                identity.TenantId = entraTenant;
                identity.ClientId = config["Auth:ClientId"];
            });
            // The issuer validator fetches Entra's metadata through this client: timeouts, retries and a circuit
            // breaker from the standard resilience handler instead of IdentityModel's bare static client.
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = EntraMetadataClient);
            services.AddHttpClient(EntraMetadataClient).AddStandardResilienceHandler();
        }

        // After Identity.Web's own Configure (PostConfigure), so its event handlers are chained, not replaced.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false; // "roles", "tid", "sub" as sent
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = "roles";
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            if (shape != RuntimeShape.Local)
                // Entra v2 tokens name the API by its client id; v1 tokens and older clients by the application id URI.
                options.TokenValidationParameters.ValidAudiences = new[] { config["Auth:ClientId"], config["Auth:Audience"] }
                    .Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToArray();
            var received = options.Events.OnMessageReceived;
            var validated = options.Events.OnTokenValidated;
            options.Events.OnMessageReceived = async context =>
            {
                if (ValidatedTokens.Bearer(context.Request) is { } token
                    && context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Find(token) is { } principal)
                {
                    context.Principal = principal;
                    context.Success();
                    return;
                }
                await received(context);
            };
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is { Failure: not null }) return;
                await AddScopes(context, tenantClaim);
                if (context.Result is null && context.SecurityToken is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt)
                    context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Add(jwt.EncodedToken, context.Principal!, jwt.ValidTo);
            };
            options.Events.OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.Write(context.HttpContext, 401, "unauthorized", "Authentication required",
                    context.AuthenticateFailure is null ? "Send a bearer token in the Authorization header." : "The bearer token is not valid.");
            };
            options.Events.OnForbidden = context => Problems.Write(context.HttpContext, 403, "forbidden", "Missing scope",
                "Your roles do not grant the scope this operation needs.");
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
            // A tenant's first call (in the Azure shape there is no dev token to do it) provisions its reference data:
            // VAT rates, chart of accounts, number series. Idempotent; remembered per process.
            var provisioned = http.RequestServices.GetRequiredService<ProvisionedTenants>();
            if (provisioned.TryAdd(tenant, true))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<Application.Tenants.ProvisionTenant>()
                        .Handle(context.Actor.Tenant, tenant, context.Actor.UserId, http.RequestAborted);
                }
                catch
                {
                    provisioned.TryRemove(tenant, out _);
                    throw;
                }
            }
        }
        await next(http);
    });

    private const string TenantClaimType = "valeo:tenant";

    private const string EntraMetadataClient = "entra-metadata";

    /// <summary>Tenants this process has provisioned (or found provisioned) since it started.</summary>
    private sealed class ProvisionedTenants : System.Collections.Concurrent.ConcurrentDictionary<string, bool>
    {
        public ProvisionedTenants() : base(StringComparer.Ordinal) { }
    }

    /// <summary>"https://login.microsoftonline.com/{tenant}/v2.0" as Identity.Web wants it: instance and tenant.</summary>
    private static (string? Instance, string? Tenant) SplitAuthority(string? authority)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri)) return (null, null);
        var tenant = uri.AbsolutePath.Trim('/').Split('/')[0];
        return ($"{uri.Scheme}://{uri.Authority}/", tenant.Length > 0 ? tenant : null);
    }

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
