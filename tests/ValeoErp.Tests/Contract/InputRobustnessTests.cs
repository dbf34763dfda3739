using System.Net;
using System.Net.Http.Json;
using System.Text;
using FluentAssertions;
using ValeoErp.Tests.Support;
using Xunit;

namespace ValeoErp.Tests.Contract;

/// <summary>The named cases behind the seeded robustness test: each answers 400/413 with a problem and changes nothing.</summary>
public sealed class InputRobustnessTests : IClassFixture<MalformedInputApp>
{
    private readonly MalformedInputApp _app;

    public InputRobustnessTests(MalformedInputApp app) => _app = app;

    [Fact]
    public async Task DevToken_WithNullRole_Is400_AndNamesTheElement()
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/dev/token",
            Json("""{"tenantId":"demo","userId":"alice","roles":[null]}"""));
        await ShouldBeValidationProblem(response, "roles[0]");
    }

    [Fact]
    public async Task Order_WithNullLine_Is400_AndCreatesNothing()
    {
        var admin = await _app.Admin();
        var customer = (await admin.All("/api/v1/customers"))[0].GetProperty("id").GetString();
        var before = (await admin.All("/api/v1/sales-orders")).Count;
        var response = await admin.PostAsync("/api/v1/sales-orders",
            Json($$"""{"customerId":"{{customer}}","orderDate":"2026-12-01","lines":[null]}"""));
        await ShouldBeValidationProblem(response, "lines[0]");
        (await admin.All("/api/v1/sales-orders")).Should().HaveCount(before);
    }

    [Fact]
    public async Task Warehouse_MarkedDefaultWithoutCode_IsAFieldError_NotARuleConflict()
    {
        var admin = await _app.Admin();
        var response = await admin.PostAsync("/api/v1/warehouses", Json("""{"name":"Lager Nord","isDefault":true}"""));
        await ShouldBeValidationProblem(response, "code");
    }

    [Theory]
    [InlineData("limit=")]
    [InlineData("limit=abc")]
    [InlineData("limit=99999999999")]
    public async Task List_WithAnEmptyOrNonNumericLimit_Is400(string query)
    {
        var admin = await _app.Admin();
        await ShouldBeValidationProblem(await admin.GetAsync($"/api/v1/articles?{query}"), "limit");
    }

    [Fact]
    public async Task List_WithAForgedContinuation_Is400_AndIsNotLoggedAsAnError()
    {
        var admin = await _app.Admin();
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("[null,null]"));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers?continuation={Uri.EscapeDataString(forged)}");
        request.Headers.Add(MalformedInputApp.CaseHeader, "forged-continuation");
        var response = await admin.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:invalid-continuation");
        _app.Logs.ByCase.TryGetValue("forged-continuation", out var logs).Should().BeFalse(
            "a client's bad token is no server error: {0}", string.Join("; ", logs?.Select(l => l.Message) ?? []));
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413()
    {
        var admin = await _app.Admin();
        var huge = new string('x', 1_100_000);
        var response = await admin.PostAsync("/api/v1/customers", Json($$"""{"name":"{{huge}}"}"""));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Number_OutsideTheDecimalRange_IsAFieldError()
    {
        var admin = await _app.Admin();
        var response = await admin.PostAsync("/api/v1/payments", Json("""{"openItemId":"x","amount":1e30}"""));
        await ShouldBeValidationProblem(response, "amount");
    }

    [Fact]
    public async Task Number_SentAsText_IsAFieldError()
    {
        var admin = await _app.Admin();
        var response = await admin.PostAsync("/api/v1/payments", Json("""{"openItemId":"x","amount":"12.50"}"""));
        await ShouldBeValidationProblem(response, "amount");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task ShouldBeValidationProblem(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.Json()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(name => name.StartsWith(field, StringComparison.OrdinalIgnoreCase), text);
    }
}
