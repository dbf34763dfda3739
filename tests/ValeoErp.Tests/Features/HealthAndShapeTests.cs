using System.Net;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

public sealed class HealthAndShapeTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Theory]
    [InlineData("/api/healthz")]
    [InlineData("/api/readyz")]
    [InlineData("/")]
    public async Task Health_WithoutToken_Answers200(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedAnonymously()
    {
        var response = await app.CreateClient().GetAsync("/api/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("paths").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task ApiPage_IsServedInTheLocalShape()
    {
        var response = await app.CreateClient().GetAsync("/api/docs/index.html");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("swagger");
    }

    [Fact]
    public async Task UnknownRoute_IsProblemDocument404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class AzureShapeTests(ValeoAzureApp app) : IClassFixture<ValeoAzureApp>
{
    [Fact]
    public async Task DevToken_InTheAzureShape_Is404()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/dev/token",
            System.Net.Http.Json.JsonContent.Create(new { tenantId = "demo", userId = "x", roles = new[] { "admin" } }));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task AzureShape_WithoutItsSettings_IsNotReady_AndNamesWhatIsMissing()
    {
        var response = await app.CreateClient().GetAsync("/api/readyz");
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Json()).GetProperty("checks").GetProperty("settings").GetString()
            .Should().Contain("ServiceBusConnection__fullyQualifiedNamespace").And.Contain("Auth__Authority");
    }

    [Fact]
    public async Task AzureShape_DoesNotSeedAndStillAnswersHealth()
    {
        (await app.CreateClient().GetAsync("/api/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync("/api/v1/articles")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
