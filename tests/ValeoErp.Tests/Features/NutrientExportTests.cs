using System.Net;
using System.Text;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Trade;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Issue 17: the delivered nutrients per farm and year for the farmer's fertiliser filing (ENNI and similar). Two farms
/// get KAS (27 % N) and NPK 15-15-15 by the tonne in 2026 and NPK in 2025; the export's N, P2O5 and K2O per farm
/// must equal quantity x content summed over the farm's deliveries, computed here by hand.
/// </summary>
public sealed class NutrientExportTests(ValeoApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ValeoApp>
{
    private sealed record Farm(string Id, int Number);

    private sealed record Scenario(Trade Trade, Farm Janssen, Farm Oltmanns, string Npk, string LawnFeed);

    /// <summary>Delivered per farm in 2026: (t KAS, t NPK). Farm 1: 12.5 + 3.2 t KAS, 4.75 t NPK; farm 2: 2.5 t KAS, 8 t NPK (+ 3 sacks).</summary>
    private static async Task<Scenario> TwoFarms(ValeoApp app, string tenant)
    {
        var trade = await Open(app, tenant);
        var npk = (await trade.Created("/api/v1/articles", new
        {
            number = "DU-2", name = "NPK 15-15-15", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 420m, purchasePrice = 380m,
            nutrients = new { n = 15m, p2o5 = 15m, k2o = 15m }, allowNegativeStock = true,
        })).GetProperty("id").GetString()!;
        var lawnFeed = (await trade.Created("/api/v1/articles", new
        {
            number = "DU-3", name = "Rasendünger 25 kg", unit = "sack", category = "fertiliser", vatCategory = "standard", salesPrice = 39.90m, purchasePrice = 30m,
            nutrients = new { n = 20m, p2o5 = 5m, k2o = 8m }, allowNegativeStock = true,
        })).GetProperty("id").GetString()!;
        // 2025 first: stock carried into 2026 takes no movements of 2025 any more.
        await Deliver(trade, trade.Customer, "2025-09-15", Line(npk, 5m));
        await trade.Stock(trade.Fertiliser, 100m);
        await trade.Stock(trade.Seed, 10m);
        var janssen = await trade.Get($"/api/v1/customers/{trade.Customer}");
        var oltmanns = await trade.Created("/api/v1/customers", new
        {
            name = "Milchhof Oltmanns", address = new { street = "Moorweg 12", postalCode = "26160", city = "Bad Zwischenahn" }, taxNumber = "64/200/11111",
        });
        var farm2 = new Farm(oltmanns.GetProperty("id").GetString()!, oltmanns.GetProperty("number").GetInt32());
        await trade.Declaration(farm2.Id, "Gerd Oltmanns, Personalausweis L01X00T47");

        await Deliver(trade, trade.Customer, "2026-03-02", Line(trade.Fertiliser, 12.5m));
        await Deliver(trade, trade.Customer, "2026-04-10", Line(trade.Fertiliser, 3.2m), Line(npk, 4.75m), Line(trade.Seed, 2m));
        await Deliver(trade, farm2.Id, "2026-03-15", Line(npk, 8m), Line(lawnFeed, 3m));
        await Deliver(trade, farm2.Id, "2026-05-05", Line(trade.Fertiliser, 2.5m));
        return new Scenario(trade, new Farm(trade.Customer, janssen.GetProperty("number").GetInt32()), farm2, npk, lawnFeed);
    }

    private static async Task Deliver(Trade trade, string customerId, string date, params object[] lines)
    {
        var order = await trade.Created("/api/v1/sales-orders", new { customerId, orderDate = date, lines });
        var id = order.GetProperty("id").GetString();
        await trade.Ok($"/api/v1/sales-orders/{id}/submit");
        await trade.Created($"/api/v1/sales-orders/{id}/deliveries", new { date });
    }

    private static (decimal N, decimal P, decimal K) Content(decimal tonnes, decimal n, decimal p, decimal k) =>
        (tonnes * 1000m * n / 100m, tonnes * 1000m * p / 100m, tonnes * 1000m * k / 100m);

    private static async Task<(List<string> Heading, List<List<string>> Rows, List<string> All, byte[] Bytes)> Export(Trade trade, string query)
    {
        var response = await trade.Client.GetAsync($"/api/v1/exports/nutrients?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.TrimStart('\uFEFF').Split("\r\n").ToList();
        var main = lines.TakeWhile(l => l.Length > 0).ToList();
        return (Csv.Fields(main[0]), [.. main.Skip(1).Select(Csv.Fields)], lines, bytes);
    }

    private static decimal Number(string field) => decimal.Parse(field.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Export_PerFarm_EqualsQuantityTimesContent_SummedOverTheFarmsDeliveries()
    {
        var s = await TwoFarms(app, "nutri-sum");

        var (heading, rows, all, bytes) = await Export(s.Trade, "year=2026");

        output.WriteLine(string.Join("\n", all));
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "German Excel reads UTF-8 only with a BOM, like the list exports");
        heading.Should().Equal("Jahr", "Kundennummer", "Betrieb", "Anschrift", "Zeilenart", "Artikelnummer", "Artikel", "N %", "P2O5 %", "K2O %",
            "Menge kg", "N kg", "P2O5 kg", "K2O kg", "Lieferscheine");
        var kas1 = Content(12.5m + 3.2m, 27m, 0m, 0m);
        var npk1 = Content(4.75m, 15m, 15m, 15m);
        var kas2 = Content(2.5m, 27m, 0m, 0m);
        var npk2 = Content(8m, 15m, 15m, 15m);
        var expected = new Dictionary<int, (decimal N, decimal P, decimal K)>
        {
            [s.Janssen.Number] = (kas1.N + npk1.N, kas1.P + npk1.P, kas1.K + npk1.K),
            [s.Oltmanns.Number] = (kas2.N + npk2.N, kas2.P + npk2.P, kas2.K + npk2.K),
        };
        string Col(List<string> row, string name) => row[heading.IndexOf(name)];
        foreach (var (number, (n, p, k)) in expected)
        {
            var farmRows = rows.Where(r => Col(r, "Kundennummer") == number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var total = farmRows.Single(r => Col(r, "Zeilenart") == "Summe Betrieb");
            (Number(Col(total, "N kg")), Number(Col(total, "P2O5 kg")), Number(Col(total, "K2O kg"))).Should().Be((n, p, k), $"farm {number}");
            var articles = farmRows.Where(r => Col(r, "Zeilenart") == "Artikel").ToList();
            articles.Select(r => Col(r, "Artikelnummer")).Should().Equal("DU-1", "DU-2");
            articles.Sum(r => Number(Col(r, "N kg"))).Should().Be(n, "the farm total is the sum of its article rows");
            Col(total, "Jahr").Should().Be("2026");
        }
        var kasJanssen = rows.Single(r => Col(r, "Kundennummer") == s.Janssen.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) && Col(r, "Artikelnummer") == "DU-1");
        Col(kasJanssen, "Menge kg").Should().Be("15700,00", "12.5 t + 3.2 t");
        Col(kasJanssen, "N kg").Should().Be("4239,00", "15,700 kg x 27 %");
        Col(kasJanssen, "N %").Should().Be("27,00");
        Col(kasJanssen, "Lieferscheine").Split(", ").Should().HaveCount(2);
        Col(kasJanssen, "Anschrift").Should().Be("Dorfstraße 3, 26655 Westerstede");
        rows.Where(r => Col(r, "Artikelnummer") == "SA-1").Should().BeEmpty("seed is no fertiliser");

        // The sacks carry no weight per unit: not converted, listed in the second section for the farmer to add.
        var section = all.FindIndex(l => l.StartsWith("\"Nicht umgerechnet\";", StringComparison.Ordinal));
        section.Should().Be(rows.Count + 2, "the second section follows the table after an empty line");
        Csv.Fields(all[section]).Should().Contain(["Lieferschein", "Menge", "Einheit", "Grund"]);
        var rest = Csv.Fields(all[section + 1]);
        rest[0].Should().Be("Nicht umgerechnet");
        rest.Should().Contain(["DU-3", "3,000", "Sack"]);
        rest[^1].Should().Contain("Gewicht");
        rows.Where(r => Col(r, "Artikelnummer") == "DU-3").Should().BeEmpty();
    }

    [Fact]
    public async Task Export_OfAYear_LeavesOutTheDeliveriesOfOtherYears_AndFiltersByFarm()
    {
        var s = await TwoFarms(app, "nutri-years");

        var (heading, rows, _, _) = await Export(s.Trade, $"year=2025&partnerId={s.Janssen.Id}");
        var total = rows.Single(r => r[heading.IndexOf("Zeilenart")] == "Summe Betrieb");
        var npk2025 = Content(5m, 15m, 15m, 15m);
        (Number(total[heading.IndexOf("N kg")]), Number(total[heading.IndexOf("P2O5 kg")]), Number(total[heading.IndexOf("K2O kg")]))
            .Should().Be((npk2025.N, npk2025.P, npk2025.K), "only the 5 t NPK of 2025");
        total[heading.IndexOf("Jahr")].Should().Be("2025");

        var (heading26, rows26, _, _) = await Export(s.Trade, $"year=2026&partnerId={s.Oltmanns.Id}");
        rows26.Select(r => r[heading26.IndexOf("Kundennummer")]).Distinct().Should().Equal(s.Oltmanns.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (_, none, _, _) = await Export(s.Trade, "year=2024");
        none.Should().BeEmpty("nothing was delivered in 2024: the heading alone");
    }

    [Theory]
    [InlineData("")]
    [InlineData("year=")]
    [InlineData("year=zwanzig")]
    [InlineData("year=1999")]
    [InlineData("year=2101")]
    [InlineData("year=2026.5")]
    public async Task Export_WithABadYear_IsAValidationProblem(string query)
    {
        var client = await app.ClientFor("nutri-invalid", "anna", "admin");

        var response = await client.GetAsync($"/api/v1/exports/nutrients?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Json()).GetProperty("errors").TryGetProperty("year", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Export_ForAnUnknownFarm_IsNotFound_AndNeedsTheSalesReadScope()
    {
        var client = await app.ClientFor("nutri-scope", "anna", "admin");
        (await client.GetAsync("/api/v1/exports/nutrients?year=2026&partnerId=nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var dataProtection = await app.ClientFor("nutri-scope", "paul", "dataProtection");
        (await dataProtection.GetAsync("/api/v1/exports/nutrients?year=2026")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
