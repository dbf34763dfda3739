using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Validators;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ValeoErp.Functions.Auth;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>
/// The Azure shape with Microsoft.Identity.Web validating Entra-shaped tokens that the test signs with its own RSA key.
/// The metadata (issuer, signing key) comes from memory for JwtBearer and for Identity.Web's issuer validator, so
/// nothing goes to login.microsoftonline.com; issuer, audience, lifetime and signature are still checked.
/// </summary>
public sealed class EntraApp : ValeoApp
{
    public const string EntraTenant = "11111111-1111-1111-1111-111111111111";
    public const string ClientId = "22222222-2222-2222-2222-222222222222";
    public const string AppIdUri = "api://valeo-erp";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{EntraTenant}/v2.0";
    public static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "entra-test-1" };

    /// <summary>The clock the app validates token lifetimes on, and the tokens are issued against.</summary>
    public static readonly FixedClock Clock = new(NodaTime.Instant.FromUtc(2026, 11, 22, 9, 0));

    protected override string Shape => "Azure";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Authority", Issuer);
        builder.UseSetting("Auth:ClientId", ClientId);
        builder.UseSetting("Auth:Audience", AppIdUri);
        builder.ConfigureServices(services => services.AddSingleton<NodaTime.IClock>(Clock));
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var metadata = new OpenIdConnectConfiguration { Issuer = Issuer };
            metadata.SigningKeys.Add(Key);
            var manager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
            options.Configuration = metadata;
            options.ConfigurationManager = manager;
            options.BackchannelHttpHandler = new NoNetwork();
            // Identity.Web's issuer validator keeps its own metadata per authority: the same in-memory document.
            options.TokenValidationParameters.IssuerValidator = AadIssuerValidator.GetAadIssuerValidator(options.Authority!, null, _ => manager).Validate;
        }));
    }

    public static string Token(string tenant, string[] roles, string audience = ClientId, string? issuer = null, DateTime? expires = null,
        SecurityKey? key = null, string subject = "entra-user")
    {
        var exp = expires ?? Clock.Now.ToDateTimeUtc().AddMinutes(30);
        var claims = new Dictionary<string, object>
        {
            ["tid"] = EntraTenant, ["oid"] = "33333333-3333-3333-3333-333333333333", ["sub"] = subject, ["ver"] = "2.0",
            ["azp"] = "44444444-4444-4444-4444-444444444444", ["tenant"] = tenant, ["roles"] = roles,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer, Audience = audience, IssuedAt = exp.AddMinutes(-60), NotBefore = exp.AddMinutes(-60), Expires = exp,
            Claims = claims, SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public HttpClient With(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient As(string tenant, params string[] roles) => With(Token(tenant, roles));

    /// <summary>The backchannel must never be used: the metadata is in memory.</summary>
    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            throw new InvalidOperationException($"No network in tests: {request.RequestUri}");
    }
}

/// <summary>Issue 16, acceptance 3: Entra-shaped tokens on every endpoint - 401 without, 403 without scope, 404 across tenants.</summary>
public sealed class EntraTokenTests(EntraApp app) : IClassFixture<EntraApp>
{
    private static readonly HashSet<string> EveryoneHas = [Scopes.EventsRead, Scopes.SearchRead, Scopes.ProfileRead];

    [Fact]
    public async Task ValidEntraToken_WithARole_IsAccepted_AndItsTenantAndScopesApply()
    {
        var accountant = app.As("entra-a", "accountant");
        (await accountant.GetAsync("/api/v1/accounts?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await accountant.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer())).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "the accountant role grants no crm:write");
        (await app.As("entra-a", "admin").PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer())).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("expired")]
    [InlineData("wrong key")]
    [InlineData("no roles")]
    [InlineData("no tenant")]
    public async Task InvalidEntraTokens_Are401(string what)
    {
        var token = what switch
        {
            "wrong audience" => EntraApp.Token("entra-a", ["admin"], audience: "api://someone-else"),
            "wrong issuer" => EntraApp.Token("entra-a", ["admin"], issuer: "https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0"),
            "expired" => EntraApp.Token("entra-a", ["admin"], expires: EntraApp.Clock.Now.ToDateTimeUtc().AddMinutes(-10)),
            "wrong key" => EntraApp.Token("entra-a", ["admin"], key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "entra-test-1" }),
            "no roles" => EntraApp.Token("entra-a", []),
            _ => EntraApp.Token("", ["admin"]),
        };
        var response = await app.With(token).GetAsync("/api/v1/customers");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, what);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task AppIdUriAudience_IsAcceptedToo()
    {
        (await app.With(EntraApp.Token("entra-a", ["viewer"], audience: EntraApp.AppIdUri)).GetAsync("/api/v1/customers?limit=1"))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryScopedEndpoint_Is401WithoutToken_And403WithoutItsScope()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Scope: e.Metadata.GetMetadata<RequiredScope>()?.Scope,
                Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Scope is not null && e.Endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                && !e.Endpoint.RoutePattern.RawText.Contains("events/stream", StringComparison.Ordinal))
            .ToList();
        endpoints.Should().HaveCountGreaterThan(100);
        var anonymous = app.CreateClient();
        var roleless = app.As("entra-a", "no-such-role"); // authenticated, only the scopes every user has
        var checkedForbidden = 0;
        foreach (var (endpoint, scope, methods) in endpoints)
        foreach (var method in methods)
        {
            var path = Path(endpoint);
            using var first = new HttpRequestMessage(new HttpMethod(method), path);
            (await anonymous.SendAsync(first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} without a token");
            if (EveryoneHas.Contains(scope!)) continue;
            using var second = new HttpRequestMessage(new HttpMethod(method), path);
            (await roleless.SendAsync(second)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {path} needs {scope}");
            checkedForbidden++;
        }
        checkedForbidden.Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task RecordsOfTenantA_WithAnEntraTokenOfTenantB_Are404()
    {
        var a = app.As("entra-owner", "admin");
        var b = app.As("entra-stranger", "admin");
        var customer = await Id(a, "/api/v1/customers", Http.ValidCustomer());
        var article = await Id(a, "/api/v1/articles", new
        {
            number = "E-1", name = "Kalkammonsalpeter", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 289.90m,
            purchasePrice = 250m,
        });
        var order = await Id(a, "/api/v1/sales-orders", new
        {
            customerId = customer, orderDate = "2026-03-02", lines = new[] { new { articleId = article, quantity = 1m } },
        });
        foreach (var path in new[] { $"/api/v1/customers/{customer}", $"/api/v1/articles/{article}", $"/api/v1/sales-orders/{order}", $"/api/v1/processes/{order}-o2c" })
        {
            (await b.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
        (await a.GetAsync($"/api/v1/sales-orders/{order}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await b.PostAsync($"/api/v1/sales-orders/{order}/submit", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<string> Id(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetString()!;
    }

    /// <summary>A request path for the route: parameters filled with values their constraints accept.</summary>
    private static string Path(RouteEndpoint endpoint)
    {
        var text = endpoint.RoutePattern.RawText!;
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "1"
                : parameter.ParameterPolicies.FirstOrDefault(p => p.Content?.StartsWith("regex(", StringComparison.Ordinal) == true) is { } regex
                    ? RegexSample(regex.Content!) : "x";
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\{\\*?" + parameter.Name + "[^}]*\\}", value);
        }
        return text;
    }

    /// <summary>The first alternative of a ^(a|b)$ constraint.</summary>
    private static string RegexSample(string policy) =>
        policy["regex(".Length..^1].Trim('^', '$', '(', ')').Split('|')[0];
}
