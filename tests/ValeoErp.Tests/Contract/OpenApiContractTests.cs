using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Functions.Auth;
using ValeoErp.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ValeoErp.Tests.Contract;

/// <summary>
/// The OpenAPI document is the contract integrators generate clients from and API Management imports:
/// every operation must declare its success answer with a schema, its scope, its headers and its problems.
/// </summary>
public sealed class OpenApiContractTests(ValeoApp app, ITestOutputHelper output) : IClassFixture<ValeoApp>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public void EveryApiEndpoint_DeclaresItsScope_ItsSuccessAnswer_AndAName()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        endpoints.Should().HaveCountGreaterThan(100);

        var defects = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) continue;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!anonymous && endpoint.Metadata.GetMetadata<RequiredScope>() is null) defects.Add($"{name}: no scope");
            var produces = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().ToList();
            if (!produces.Any(p => p.StatusCode is >= 200 and < 300)) defects.Add($"{name}: no declared success answer");
            if (!anonymous && !(produces.Any(p => p.StatusCode == 401) && produces.Any(p => p.StatusCode == 403)))
                defects.Add($"{name}: 401/403 not declared");
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is null) defects.Add($"{name}: no operation name");
            if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is null) defects.Add($"{name}: no summary");
        }
        defects.Should().BeEmpty();
    }

    [Fact]
    public async Task TheDocument_StatesSchemasHeadersAndProblems_ForEveryOperation()
    {
        var document = await Document();
        var operations = Operations(document).ToList();
        var defects = new List<string>();
        int withSchema = 0, withIfMatch = 0, withIdempotency = 0, withAuthBodies = 0, posts = 0, writes = 0, secured = 0;

        foreach (var (path, method, op) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            if (!op.TryGetProperty("operationId", out _)) defects.Add($"{name}: no operationId");
            if (!op.TryGetProperty("summary", out _)) defects.Add($"{name}: no summary");
            var responses = op.GetProperty("responses");
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0) defects.Add($"{name}: no 2xx response");
            if (success.Any(r => r.Name == "204" || r.Value.TryGetProperty("content", out _))) withSchema++;
            else defects.Add($"{name}: 2xx without a schema");

            foreach (var problem in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5' && r.Name != "503"))
                if (!problem.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    defects.Add($"{name}: {problem.Name} is not declared as application/problem+json");

            var headers = op.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            if (method is "put" or "delete")
            {
                writes++;
                if (headers.Contains("If-Match")) withIfMatch++;
                else defects.Add($"{name}: no If-Match header");
                if (!responses.TryGetProperty("412", out _) || !responses.TryGetProperty("428", out _)) defects.Add($"{name}: 412/428 not declared");
            }
            if (method == "post")
            {
                posts++;
                if (headers.Contains("Idempotency-Key")) withIdempotency++;
            }
            if (responses.TryGetProperty("201", out var created) &&
                !(created.TryGetProperty("headers", out var createdHeaders) && createdHeaders.TryGetProperty("Location", out _)))
                defects.Add($"{name}: 201 without Location");
            if (op.TryGetProperty("x-required-scope", out _))
            {
                secured++;
                if (responses.TryGetProperty("401", out var r401) && r401.TryGetProperty("content", out _) &&
                    responses.TryGetProperty("403", out var r403) && r403.TryGetProperty("content", out _)) withAuthBodies++;
                else defects.Add($"{name}: 401/403 without a problem body");
            }
            if (op.TryGetProperty("requestBody", out _) && !responses.TryGetProperty("400", out _)) defects.Add($"{name}: body without a declared 400");
        }

        output.WriteLine($"operations {operations.Count}; 2xx with schema {withSchema}; If-Match {withIfMatch} of {writes} PUT/DELETE; " +
                         $"Idempotency-Key {withIdempotency} of {posts} POST; 401/403 with body {withAuthBodies} of {secured} secured");
        defects.Should().BeEmpty();
        var json = document.GetRawText();
        json.Should().NotContain("\\\\d", "patterns use [0-9], which every regex dialect reads the same");
    }

    [Fact]
    public async Task TheDocument_NamesTheEnumsTheServerAccepts()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        Enum(schemas, "TaxTreatment").Should().BeEquivalentTo("domestic", "euReverseCharge", "export", "flatRateFarmer");
        Enum(schemas, "DocumentStatus").Should().Contain(["draft", "submitted", "approved", "rejected", "posted"]);
        Enum(schemas, "ArticleCategory").Should().Contain(["fertiliser", "seed", "plantProtection", "grain"]);
        Enum(schemas, "VatCategory").Should().BeEquivalentTo("standard", "reduced", "zero");
        Enum(schemas, "EInvoiceFormat").Should().BeEquivalentTo("xrechnungUbl", "xrechnungCii", "zugferd", "pdfOnly");
        foreach (var schema in schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)))
            schema.Value.GetProperty("enum").EnumerateArray().Should().NotContain(e => e.ValueKind == JsonValueKind.Null,
                $"{schema.Name}: OpenAPI 3.0 enums of type string hold strings only");
        var partnerInput = schemas.GetProperty("PartnerInput").GetProperty("properties");
        partnerInput.GetProperty("taxTreatment").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Contain("flatRateFarmer");
        schemas.GetProperty("DevTokenRequest").GetProperty("properties").GetProperty("roles").GetProperty("items")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Contain(Scopes.ByRole.Keys);
    }

    [Fact]
    public async Task TheEventStream_IsDeclaredAsServerSentEvents()
    {
        var stream = (await Document()).GetProperty("paths").GetProperty("/api/v1/events/stream").GetProperty("get");
        stream.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _).Should().BeTrue();
    }

    [Fact]
    public async Task TheDocumentWrittenByTheBuild_IsTheServedDocument()
    {
        // The generated client and the CI lint read the build's copy; it must be what the app serves.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ValeoErp.sln"))) root = Path.GetDirectoryName(root)!;
        var built = JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(root, "functions", "ValeoErp.Functions", "obj", "openapi", "valeo-erp.json"))).RootElement;
        var served = await Document();
        Operations(built).Select(o => $"{o.Method} {o.Path} {o.Operation.GetRawText()}")
            .Should().Equal(Operations(served).Select(o => $"{o.Method} {o.Path} {o.Operation.GetRawText()}"));
        built.GetProperty("components").GetRawText().Should().Be(served.GetProperty("components").GetRawText());
    }

    private static IEnumerable<string?> Enum(JsonElement schemas, string name) =>
        schemas.GetProperty(name).GetProperty("enum").EnumerateArray().Select(e => e.GetString());

    private async Task<JsonElement> Document()
    {
        var response = await app.CreateClient().GetAsync("/api/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return await response.Json();
    }

    public static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);
}
