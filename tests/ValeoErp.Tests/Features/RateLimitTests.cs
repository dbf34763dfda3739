using System.Net;
using Microsoft.AspNetCore.Hosting;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>The host with small limits, so a test can use them up.</summary>
public sealed class RateLimitedApp : ValeoApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:ApiPerMinute", "5");
        builder.UseSetting("RateLimits:ExportsPerMinute", "1");
    }
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Api_BeyondTheUsersLimit_Is429WithRetryAfter_AndOtherUsersGoOn()
    {
        var busy = await app.ClientFor("limits-a", "busy", "viewer");
        for (var i = 0; i < 5; i++)
            (await busy.GetAsync("/api/v1/articles?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await busy.GetAsync("/api/v1/articles?limit=1");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().BeInRange(1, 60);
        var problem = await refused.Json();
        problem.GetProperty("type").GetString().Should().Be("urn:valeo:problem:too-many-requests");
        problem.GetProperty("detail").GetString().Should().Contain("5 API calls a minute");

        // Another user of the same tenant, and the same user name in another tenant, have their own allowance.
        var colleague = await app.ClientFor("limits-a", "colleague", "viewer");
        (await colleague.GetAsync("/api/v1/articles?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        var namesake = await app.ClientFor("limits-b", "busy", "viewer");
        (await namesake.GetAsync("/api/v1/articles?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Backup_BeyondTheExportLimit_Is429_AndWritesNothing()
    {
        var admin = await app.ClientFor("limits-c", "admin", "admin");
        (await admin.PostAsync("/api/v1/admin/backups", null)).StatusCode.Should().Be(HttpStatusCode.Created);
        var refused = await admin.PostAsync("/api/v1/admin/backups", null);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").Should().BeTrue();
        (await refused.Json()).GetProperty("detail").GetString().Should().Contain("1 exports and backups a minute");

        var backups = await (await admin.GetAsync("/api/v1/admin/backups")).Json();
        backups.GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task TheContract_DeclaresTheLimit_OnEveryAuthenticatedOperation()
    {
        var document = await (await app.CreateClient().GetAsync("/api/openapi/v1.json")).Json();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Op: o.Value)))
            .Where(o => o.Op.TryGetProperty("x-required-scope", out _)).ToList();
        operations.Should().HaveCountGreaterThan(50);
        foreach (var (path, op) in operations)
        {
            op.GetProperty("responses").TryGetProperty("429", out var tooMany).Should().BeTrue(path);
            tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _).Should().BeTrue(path);
        }
    }
}
