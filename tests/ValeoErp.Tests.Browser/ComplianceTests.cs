using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ValeoErp.Tests.Browser;

/// <summary>
/// The Landhandel compliance pages in Chromium against the real host: the auditor's overview (areas, scores, open
/// violations, suspicious list) and the recall of a seed lot received from a supplier and delivered to a customer.
/// </summary>
[Collection("host")]
public sealed class ComplianceTests(HostFixture host, ITestOutputHelper output)
{
    private static readonly string Shots = Directory.CreateDirectory(Environment.GetEnvironmentVariable("VALEO_SCREENSHOTS") is { Length: > 0 } dir
        ? Path.Combine(HostFixture.RepoRoot, dir) : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    [Fact]
    public async Task Auditor_SeesTheOverview_AndTracesALotToItsCustomer()
    {
        var lot = await ReceiveAndDeliverALot();

        await using var context = await host.Browser.NewContextAsync(new() { Locale = "de-DE", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var auditor = await host.SignIn(context, "auditor", "auditor");

        await auditor.Go(host, "compliance");
        await Assertions.Expect(auditor.GetByTestId("area-PlantProtection")).ToContainTextAsync("Pflanzenschutz (Sachkunde)");
        await Assertions.Expect(auditor.GetByTestId("score-formula")).ToHaveCountAsync(1);
        await Assertions.Expect(auditor.GetByTestId("suspicious")).ToBeVisibleAsync();
        var axe = await auditor.Axe();
        output.WriteLine($"axe compliance: {string.Join("; ", axe)}");
        await auditor.ScreenshotAsync(new() { Path = Path.Combine(Shots, "compliance.png"), FullPage = true });

        await auditor.Go(host, $"recalls?articleId={lot.ArticleId}&lot={lot.Number}");
        await Assertions.Expect(auditor.GetByTestId("recall-title")).ToContainTextAsync(lot.Number);
        await Assertions.Expect(auditor.GetByTestId("receipt")).ToHaveCountAsync(1);
        await Assertions.Expect(auditor.GetByTestId("delivery")).ToHaveCountAsync(1);
        await Assertions.Expect(auditor.GetByTestId("recall-remaining")).ToHaveTextAsync("6");
        axe.AddRange(await auditor.Axe());
        output.WriteLine($"axe recall: {string.Join("; ", axe)}");
        await auditor.ScreenshotAsync(new() { Path = Path.Combine(Shots, "recall.png"), FullPage = true });

        await auditor.Go(host, $"customers/{lot.CustomerId}");
        await Assertions.Expect(auditor.GetByTestId("evidence")).ToBeVisibleAsync();
        await auditor.ScreenshotAsync(new() { Path = Path.Combine(Shots, "customer-evidence.png"), FullPage = true });

        axe.Should().BeEmpty();
    }

    private sealed record Lot(string ArticleId, string Number, string CustomerId);

    /// <summary>10 sacks of the demo's lot-tracked seed wheat in under one lot number, 4 of them out to the first customer.</summary>
    private async Task<Lot> ReceiveAndDeliverALot()
    {
        using var api = await host.Api("lager", "purchasing", "sales", "warehouse", "auditor");
        var article = (await api.GetFromJsonAsync<JsonObject>("/api/v1/articles?q=SA-2001"))!["items"]![0]!["id"]!.GetValue<string>();
        var supplier = (await api.GetFromJsonAsync<JsonObject>("/api/v1/suppliers?limit=1"))!["items"]![0]!["id"]!.GetValue<string>();
        var customer = (await api.GetFromJsonAsync<JsonObject>("/api/v1/customers?limit=1"))!["items"]![0]!["id"]!.GetValue<string>();
        // The host's day, from the host's own clock (the overview states it), not this machine's.
        var today = (await api.GetFromJsonAsync<JsonObject>("/api/v1/compliance/overview"))!["date"]!.GetValue<string>();
        const string number = "SW-2611-01";

        var order = await Created(api, "/api/v1/purchase-orders", new { supplierId = supplier, orderDate = today, lines = new[] { new { articleId = article, quantity = 10m } } });
        await Ok(api, $"/api/v1/purchase-orders/{order}/submit");
        await Created(api, $"/api/v1/purchase-orders/{order}/receipts",
            new { date = today, lines = new[] { new { lineNo = 1, quantity = 10m, lots = new[] { new { number, quantity = 10m } } } } });

        var sale = await Created(api, "/api/v1/sales-orders", new { customerId = customer, orderDate = today, lines = new[] { new { articleId = article, quantity = 4m } } });
        await Ok(api, $"/api/v1/sales-orders/{sale}/submit");
        await Created(api, $"/api/v1/sales-orders/{sale}/deliveries",
            new { date = today, lines = new[] { new { lineNo = 1, quantity = 4m, lots = new[] { new { number, quantity = 4m } } } } });
        return new(article, number, customer);
    }

    private static async Task<string> Created(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(201, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private static async Task Ok(HttpClient api, string path)
    {
        var response = await api.PostAsJsonAsync(path, new { });
        ((int)response.StatusCode).Should().Be(200, await response.Content.ReadAsStringAsync());
    }
}
