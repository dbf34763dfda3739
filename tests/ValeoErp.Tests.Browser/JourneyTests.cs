using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ValeoErp.Tests.Browser;

/// <summary>
/// The console's main journeys in Chromium against the real host on the embedded store, in order: what the counter
/// clerk, the sales manager and the bookkeeper do with one order, from the customer to the settled open item.
/// Every page the journey visits is also checked by axe-core (no serious or critical violations).
/// </summary>
[Collection("host")]
public sealed class JourneyTests(HostFixture host, ITestOutputHelper output)
{
    /// <summary>Screenshots go to the test output; VALEO_SCREENSHOTS=docs/console (bench/console.sh) refreshes the ones in docs.</summary>
    private static readonly string Shots = Directory.CreateDirectory(Environment.GetEnvironmentVariable("VALEO_SCREENSHOTS") is { Length: > 0 } dir
        ? Path.Combine(HostFixture.RepoRoot, dir) : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private readonly List<string> _axe = [];

    private async Task Check(IPage page, string name)
    {
        var violations = await page.Axe();
        foreach (var v in violations) _axe.Add($"{name}: {v}");
        output.WriteLine($"axe {name}: {violations.Count} serious/critical {string.Join("; ", violations)}");
    }

    /// <summary>On a failed step, a screenshot and the page's text go to the test output folder for the reader.</summary>
    private async Task Failing(IPage page, string step, Func<Task> action)
    {
        try { await action(); }
        catch
        {
            var file = Path.Combine(AppContext.BaseDirectory, $"failed-{step}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            output.WriteLine($"failed at {step}: {file}\n{await page.InnerTextAsync("body")}");
            throw;
        }
    }

    [Fact]
    public async Task OrderToCash_FromNewCustomerToSettledOpenItem_WithFourEyesApproval()
    {
        var errors = new List<string>();
        await using var clerkContext = await host.Browser.NewContextAsync(new() { Locale = "de-DE", ViewportSize = new() { Width = 1440, Height = 900 } });
        var clerk = await host.SignIn(clerkContext, "sales", "sales");
        clerk.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await Assertions.Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Guten Tag, sales" })).ToBeVisibleAsync();
        await Check(clerk, "start");

        // A new customer.
        await clerk.Go(host, "customers/new");
        await clerk.Input("partner-name").FillAsync("Hof Browserkamp GbR");
        await clerk.Input("partner-street").FillAsync("Moorweg 12");
        await clerk.Input("partner-postal").FillAsync("26180");
        await clerk.Input("partner-city").FillAsync("Rastede");
        await Check(clerk, "customer-new");
        await clerk.GetByTestId("partner-save").ClickAsync();
        await Assertions.Expect(clerk).ToHaveURLAsync(new Regex("/customers/[0-9a-f]{32}$"));
        await Assertions.Expect(clerk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hof Browserkamp GbR");

        // An order with three lines, by keyboard where it counts.
        await clerk.Go(host, "documents/salesOrder/new");
        await clerk.Pick("order-partner", "Browserkamp", "Hof Browserkamp GbR");
        await clerk.Pick("line-0-article", "DU-1004", "Harnstoff");
        await clerk.Input("line-0-quantity").FillAsync("22");
        await clerk.Input("line-0-price").PressAsync("Enter"); // Enter in the last price field adds a line and focuses it
        await Assertions.Expect(clerk.GetByTestId("order-line")).ToHaveCountAsync(2);
        await Assertions.Expect(clerk.Input("line-1-article")).ToBeFocusedAsync();
        await clerk.Pick("line-1-article", "SA-2001", "Hanseat");
        await clerk.Input("line-1-quantity").FillAsync("10");
        await clerk.GetByTestId("add-line").ClickAsync();
        await clerk.Pick("line-2-article", "DU-1011", "Bittersalz");
        await clerk.Input("line-2-quantity").FillAsync("4");
        await Check(clerk, "order-entry");
        await clerk.ScreenshotAsync(new() { Path = Path.Combine(Shots, "order-entry.png"), FullPage = true });
        await clerk.GetByTestId("order-save").ClickAsync();
        await Failing(clerk, "order-save", () => Assertions.Expect(clerk).ToHaveURLAsync(new Regex("/documents/salesOrder/[0-9]{4}-[0-9a-f]+$")));
        var orderUrl = clerk.Url;
        await Assertions.Expect(clerk.GetByTestId("lines").Locator("tbody tr")).ToHaveCountAsync(3);
        // Totals per VAT rate as the server computed them: 22 t x 465,00 + 4 x 16,90 = 10.297,60 at 19 % (VAT 1.956,54),
        // 10 x 26,90 = 269,00 at 7 % (VAT 18,83): gross 12.541,97.
        var totals = clerk.GetByTestId("tax-totals");
        await Assertions.Expect(totals).ToContainTextAsync("10.297,60 €");
        await Assertions.Expect(totals).ToContainTextAsync("269,00 €");
        await Assertions.Expect(clerk.GetByTestId("gross-total")).ToHaveTextAsync("12.541,97 €");

        await clerk.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("status").First).ToHaveTextAsync("Eingereicht");
        await Assertions.Expect(clerk.GetByTestId("action-approve")).ToHaveCountAsync(0); // the clerk may not approve at all

        // The sales manager approves (four eyes) in her own browser.
        await using var managerContext = await host.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var manager = await host.SignIn(managerContext, "salesmanager", "salesManager");
        await Assertions.Expect(manager.GetByTestId("tile-approve-count")).Not.ToHaveTextAsync("0");
        await Check(manager, "start-with-work");
        await manager.SetViewportSizeAsync(1440, 900);
        await manager.ScreenshotAsync(new() { Path = Path.Combine(Shots, "start.png") });
        await manager.GotoAsync(orderUrl);
        await Failing(manager, "approve", () => manager.GetByTestId("action-approve").ClickAsync());
        await Assertions.Expect(manager.GetByTestId("status").First).ToHaveTextAsync("Freigegeben");

        // The clerk's page hears about it from the event stream.
        await Assertions.Expect(clerk.GetByTestId("changed-elsewhere")).ToBeVisibleAsync();
        await clerk.GetByTestId("show-latest").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("status").First).ToHaveTextAsync("Freigegeben");

        // Deliver, then invoice from the order; the flow links both ways.
        await clerk.GetByTestId("action-deliver").ClickAsync();
        await Assertions.Expect(clerk).ToHaveURLAsync(new Regex("/documents/deliveryNote/[0-9]{4}-[0-9a-f]+$"));
        await Assertions.Expect(clerk.GetByTestId("flow")).ToContainTextAsync("Auftrag");
        await clerk.GotoAsync(orderUrl);
        await Assertions.Expect(clerk.GetByTestId("flow")).ToContainTextAsync("Lieferschein");
        await clerk.GetByTestId("action-invoice").ClickAsync();
        await Assertions.Expect(clerk).ToHaveURLAsync(new Regex("/documents/salesInvoice/[0-9]{4}-[0-9a-f]+$"));
        var invoiceUrl = clerk.Url;
        await clerk.GetByTestId("action-submit").ClickAsync(); // below every threshold: approved at once
        await Assertions.Expect(clerk.GetByTestId("status").First).ToHaveTextAsync("Freigegeben");
        await Assertions.Expect(clerk.GetByTestId("action-post")).ToHaveCountAsync(0); // posting takes sales:post

        // The bookkeeper posts, sees the e-invoice downloads, and books the payment with Skonto.
        await using var bookkeeperContext = await host.Browser.NewContextAsync(new() { Locale = "de-DE", ViewportSize = new() { Width = 1440, Height = 900 } });
        var bookkeeper = await host.SignIn(bookkeeperContext, "accountant", "accountant");
        await bookkeeper.GotoAsync(invoiceUrl);
        await bookkeeper.GetByTestId("action-post").ClickAsync();
        await Assertions.Expect(bookkeeper.GetByTestId("status").First).ToHaveTextAsync("Gebucht");
        await Assertions.Expect(bookkeeper.GetByTestId("download-xrechnung")).ToBeVisibleAsync();
        IDownload? download = null;
        await Failing(bookkeeper, "pdf", async () => download = await bookkeeper.RunAndWaitForDownloadAsync(() => bookkeeper.GetByTestId("download-pdf").ClickAsync()));
        download!.SuggestedFilename.Should().EndWith(".pdf");
        await Check(bookkeeper, "invoice-posted");
        await bookkeeper.ScreenshotAsync(new() { Path = Path.Combine(Shots, "invoice-posted.png"), FullPage = true });

        await bookkeeper.GetByTestId("open-item-link").ClickAsync();
        var row = bookkeeper.GetByTestId("open-item").First;
        await row.GetByTestId("pay").ClickAsync();
        // 2 % Skonto within 10 days (the customer's terms): 2 % of 12.541,97 = 250,84; to pay 12.291,13.
        await Assertions.Expect(bookkeeper.GetByTestId("skonto-offered")).ToContainTextAsync("250,84 €");
        await Assertions.Expect(bookkeeper.Input("payment-amount")).ToHaveValueAsync("12.291,13");
        await Check(bookkeeper, "payment");
        await bookkeeper.GetByTestId("payment-submit").ClickAsync();
        await Assertions.Expect(row.GetByTestId("open-item-status")).ToHaveTextAsync("Ausgeglichen");
        await Assertions.Expect(row.GetByTestId("open-amount")).ToHaveTextAsync("0,00 €");

        await bookkeeper.Go(host, "trial-balance");
        await Assertions.Expect(bookkeeper.GetByTestId("balance-state")).ToContainTextAsync("Ausgeglichen");
        var debit = await bookkeeper.GetByTestId("debit-total").InnerTextAsync();
        (await bookkeeper.GetByTestId("credit-total").InnerTextAsync()).Should().Be(debit);
        await Check(bookkeeper, "trial-balance");

        errors.Should().BeEmpty();
        _axe.Should().BeEmpty();
    }

    [Fact]
    public async Task Viewer_SeesDocumentsAndPartners_ButNoWriteActions()
    {
        using (var api = await host.Api("office", "sales"))
        {
            var customers = await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/customers?limit=1");
            var articles = await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/articles?limit=1");
            (await api.PostAsJsonAsync("/api/v1/sales-orders", new
            {
                customerId = customers!["items"]![0]!["id"]!.GetValue<string>(),
                orderDate = "2026-12-01",
                lines = new[] { new { articleId = articles!["items"]![0]!["id"]!.GetValue<string>(), quantity = 1 } },
            })).EnsureSuccessStatusCode();
        }
        await using var context = await host.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var viewer = await host.SignIn(context, "viewer", "viewer");
        await viewer.Go(host, "customers");
        await Assertions.Expect(viewer.GetByTestId("partners").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("partner-new")).ToHaveCountAsync(0);
        await viewer.GetByTestId("partners").Locator("tbody tr a").First.ClickAsync();
        await Assertions.Expect(viewer.Input("partner-name")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(viewer.GetByTestId("partner-save")).ToHaveCountAsync(0);

        await viewer.Go(host, "documents/salesOrder");
        await Assertions.Expect(viewer.GetByTestId("document-new")).ToHaveCountAsync(0);
        var first = viewer.GetByTestId("documents").Locator("tbody tr a").First;
        await first.ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("lines")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("actions").Locator("[data-testid^='action-']")).ToHaveCountAsync(0);
        // The menu offers no administration, approvals or audit to a viewer.
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Freigaben" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Firmenprofil" })).ToHaveCountAsync(0);
        (await viewer.Axe()).Should().BeEmpty();
    }

    [Fact]
    public async Task EditingACustomer_SomeoneElseSavedMeanwhile_ShowsBothVersionsAndKeepsTheChosenOne()
    {
        await using var context = await host.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var clerk = await host.SignIn(context, "sales", "sales");
        using var api = await host.Api("office", "sales");
        var created = await api.PostAsJsonAsync("/api/v1/customers",
            new { name = "Landwirtschaft Konfliktmann", address = new { street = "Am Deich 1", postalCode = "26954", city = "Nordenham", country = "DE" } });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();

        await clerk.Go(host, $"customers/{id}");
        await Assertions.Expect(clerk.Input("partner-name")).ToHaveValueAsync("Landwirtschaft Konfliktmann");

        // Someone in the office renames the customer while the clerk has the form open.
        var current = await api.GetAsync($"/api/v1/customers/{id}");
        var etag = current.Headers.ETag!.ToString();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{id}")
        {
            Content = JsonContent.Create(new { name = "Landwirtschaft Konfliktmann KG", address = new { street = "Am Deich 1", postalCode = "26954", city = "Nordenham", country = "DE" } }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        (await api.SendAsync(put)).EnsureSuccessStatusCode();

        await clerk.Input("partner-phone").FillAsync("+49 4731 555");
        await clerk.GetByTestId("partner-save").ClickAsync();
        var conflict = clerk.GetByTestId("conflict-table");
        await Assertions.Expect(clerk.GetByTestId("conflict")).ToBeVisibleAsync();
        await Assertions.Expect(conflict).ToContainTextAsync("Landwirtschaft Konfliktmann KG"); // theirs
        await Assertions.Expect(conflict).ToContainTextAsync("+49 4731 555");                 // mine
        (await clerk.Axe()).Should().BeEmpty();

        await clerk.GetByTestId("conflict-keep-mine").ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("conflict")).ToHaveCountAsync(0);
        var saved = await (await api.GetAsync($"/api/v1/customers/{id}")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        saved!["phone"]!.GetValue<string>().Should().Be("+49 4731 555");
        saved["name"]!.GetValue<string>().Should().Be("Landwirtschaft Konfliktmann"); // the clerk chose her version
    }
}
