using Microsoft.Extensions.Configuration;
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
    public async Task ConsoleSettings_Locally_SignInWithTheDevToken()
    {
        var auth = (await (await app.CreateClient().GetAsync("/console-settings.json")).EnsureSuccessStatusCode().Json()).GetProperty("auth");
        auth.GetProperty("mode").GetString().Should().Be("dev");
        auth.GetProperty("clientId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
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
    public async Task ConsoleSettings_InTheAzureShape_SignInWithEntraId_AndNameWhatIsMissing()
    {
        var auth = (await (await app.CreateClient().GetAsync("/console-settings.json")).EnsureSuccessStatusCode().Json()).GetProperty("auth");
        auth.GetProperty("mode").GetString().Should().Be("entra");
        auth.GetProperty("clientId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "Auth__ConsoleClientId is not set here");
    }

    [Fact]
    public void ConsoleSettings_WithEntraSettings_AskForTheApisScope()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "https://login.microsoftonline.com/3f1c0000-0000-0000-0000-000000000000/v2.0",
            ["Auth:Audience"] = "api://valeo-erp/",
            ["Auth:ConsoleClientId"] = "8a2c0000-0000-0000-0000-000000000000",
        }).Build();
        var settings = ValeoErp.Functions.Hosting.ConsoleSettings.For(ValeoErp.Functions.Hosting.RuntimeShape.Azure, config);
        settings.Auth.Should().Be(new ValeoErp.Functions.Hosting.ConsoleAuthSettings("entra",
            "https://login.microsoftonline.com/3f1c0000-0000-0000-0000-000000000000/v2.0", "8a2c0000-0000-0000-0000-000000000000", "api://valeo-erp/.default"));
    }

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
