using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Acceptance 3: 401 without token, 403 without scope, 404 across tenants.</summary>
public sealed class AuthTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Get_WithoutToken_Is401Problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/customers");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task Get_WithForgedToken_Is401()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidGVuYW50IjoiZGVtbyIsInJvbGVzIjoiYWRtaW4ifQ.c2lnbmF0dXJl");
        (await client.GetAsync("/api/v1/customers")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateCustomer_AsViewer_Is403AndCreatesNothing()
    {
        var viewer = await app.ClientFor("demo", "vera", "viewer");
        var before = (await viewer.All("/api/v1/customers")).Count;
        var response = await viewer.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer());
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:forbidden");
        (await viewer.All("/api/v1/customers")).Should().HaveCount(before);
    }

    [Fact]
    public async Task Viewer_CanRead()
    {
        var viewer = await app.ClientFor("demo", "vera", "viewer");
        (await viewer.GetAsync("/api/v1/articles?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync("/api/v1/audit/logs?limit=1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RecordOfTenantA_ReadWithTokenOfTenantB_Is404()
    {
        var tenantA = await app.Admin("tenant-a");
        var created = await tenantA.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetString();

        var tenantB = await app.Admin("tenant-b");
        var response = await tenantB.GetAsync($"/api/v1/customers/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tenantB.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer()).With("If-Match", "\"1\"")))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tenantA.GetAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DevToken_WithUnknownRole_Is400NamingRoles()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/dev/token", new { tenantId = "demo", userId = "x", roles = new[] { "root" } });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").GetProperty("roles")[0].GetString().Should().Contain("root");
    }

    [Fact]
    public async Task DevToken_WithInvalidTenantId_Is400()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/dev/token", new { tenantId = "Bad Tenant!", userId = "x", roles = new[] { "admin" } });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").TryGetProperty("tenantId", out _).Should().BeTrue();
    }
}
