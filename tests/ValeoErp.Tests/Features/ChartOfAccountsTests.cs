using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 15: accounts can be added and renamed, not deleted (nor changed in kind) once used; posting settings can name them.</summary>
public sealed class ChartOfAccountsTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    private static HttpRequestMessage With(HttpMethod method, string path, object? body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task AddedAccount_CanBeRenamed_NamedInThePostingSettings_AndThenNotDeleted()
    {
        var admin = await app.Admin("chart-add");
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new { number = "8401", name = "Erlöse Saatgut 19 %", kind = "revenue" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await admin.PostAsJsonAsync("/api/v1/accounts", new { number = "8401", name = "doppelt", kind = "revenue" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await admin.PostAsJsonAsync("/api/v1/accounts", new { number = "84a", name = "x", kind = "revenue" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var renamed = await admin.SendAsync(With(HttpMethod.Put, "/api/v1/accounts/8401", new { number = "8401", name = "Erlöse Z-Saatgut 19 %", kind = "revenue" }, created.Headers.ETag!.Tag));
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await renamed.Json()).GetProperty("name").GetString().Should().Be("Erlöse Z-Saatgut 19 %");

        var settings = await admin.GetAsync("/api/v1/settings/posting-accounts");
        var mapping = System.Text.Json.Nodes.JsonNode.Parse(await settings.Content.ReadAsStringAsync())!.AsObject();
        mapping["revenue"]!["standard"] = "8401";
        (await admin.SendAsync(With(HttpMethod.Put, "/api/v1/settings/posting-accounts", mapping, settings.Headers.ETag!.Tag))).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await admin.SendAsync(With(HttpMethod.Delete, "/api/v1/accounts/8401", null, renamed.Headers.ETag!.Tag));
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:account-in-use");
    }

    [Fact]
    public async Task PostedAccount_KeepsItsKind_AndStays_WhileAnUnusedOneCanGo()
    {
        var trade = await Open(app, "chart-used");
        await trade.SellAndPost("2026-03-02", Line(trade.Diesel, 10m));
        var revenue = await trade.Admin.GetAsync("/api/v1/accounts/8400");
        var kindChange = await trade.Admin.SendAsync(With(HttpMethod.Put, "/api/v1/accounts/8400", new { number = "8400", name = "Erlöse 19 %", kind = "expense", automaticVat = true }, revenue.Headers.ETag!.Tag));
        kindChange.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var rename = await trade.Admin.SendAsync(With(HttpMethod.Put, "/api/v1/accounts/8400", new { number = "8400", name = "Erlöse 19 % USt (Handel)", kind = "revenue", automaticVat = true }, revenue.Headers.ETag!.Tag));
        rename.StatusCode.Should().Be(HttpStatusCode.OK, "a posted account may be renamed");
        (await trade.Admin.SendAsync(With(HttpMethod.Delete, "/api/v1/accounts/8400", null, rename.Headers.ETag!.Tag))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var spare = await trade.Admin.PostAsJsonAsync("/api/v1/accounts", new { number = "4999", name = "Sonstiges", kind = "expense" });
        (await trade.Admin.SendAsync(With(HttpMethod.Delete, "/api/v1/accounts/4999", null, spare.Headers.ETag!.Tag))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await trade.Client.GetAsync("/api/v1/accounts/4999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
