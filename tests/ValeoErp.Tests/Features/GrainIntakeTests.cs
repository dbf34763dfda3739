using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>
/// Issue 17, acceptance 4: grain intake to a posted Gutschrift through the API, one worked example per crop. The test
/// recomputes every figure from the formulas of DOMAIN.md (shrink = (M1 - M2) / (100 - M2) x 100 plus handling loss).
/// </summary>
public sealed class GrainIntakeTests
{
    [Fact]
    public async Task Wheat_OnContractFromAFlatRateFarmer_SettlesAsAGutschrift_WithEveryStep_AndTheSection24RateOfItsDeliveryDate()
    {
        using var app = new ClockedApp();
        var trade = await Trade.Open(app, "grain-wheat");
        await EInvoicePostingTests.SetCompany(trade, withContact: true); // the Gutschrift is printed under the company's letterhead
        var contract = await trade.Created("/api/v1/grain/contracts", new
        {
            farmerId = trade.Farmer, crop = "wheat", articleId = trade.Wheat, pricePerTonne = 218.00m, quantityTonnes = 200m, contractDate = "2026-07-01",
            storageFeePerTonne = 1.50m,
            quality = new object[]
            {
                new { parameter = "protein", from = 13m, adjustmentPerTonne = 8.00m }, new { parameter = "protein", from = 0m, to = 12m, adjustmentPerTonne = -5.00m },
                new { parameter = "hectolitreWeight", from = 0m, to = 76m, adjustmentPerTonne = -4.00m }, new { parameter = "fallingNumber", from = 0m, to = 220m, adjustmentPerTonne = -10.00m },
            },
        });
        var intake = await trade.Created("/api/v1/grain/intakes", new
        {
            farmerId = trade.Farmer, contractId = contract.GetProperty("id").GetString(), date = "2026-08-04", grossKg = 28_460m, tareKg = 13_220m,
            sample = new { moisture = 16.8m, admixture = 3.1m, hectolitreWeight = 77.5m, protein = 13.2m, fallingNumber = 290m }, vehiclePlate = "CLP-HW 412",
        });
        intake.GetProperty("number").GetString().Should().Be("WS-2026-000001");
        intake.GetProperty("crop").GetString().Should().Be("wheat", "the contract names the crop");

        // By the formulas: net 15,240 kg; shrink (16.8 - 14.5) / (100 - 14.5) x 100 = 2.6901 % -> 410 kg; handling 0.5 % -> 76 kg;
        // admixture (3.1 - 2) % of net -> 168 kg; settled 14,586 kg; price 218 + 8 (protein 13.2 >= 13) = 226 EUR/t.
        const decimal net = 15_240m;
        var shrink = R0(net * (16.8m - 14.5m) / (100m - 14.5m));
        var handling = R0(net * 0.5m / 100m);
        var admixture = R0(net * (3.1m - 2m) / 100m);
        var settled = net - shrink - handling - admixture;
        (shrink, handling, admixture, settled).Should().Be((410m, 76m, 168m, 14_586m));
        var goods = R2(settled / 1000m * 226m);
        var drying = R2(net / 1000m * (16.8m - 14.5m) * 2.50m);
        var storage = R2(net / 1000m * 1.50m);
        var netAmount = goods - drying - storage;
        var tax = R2(netAmount * 7.8m / 100m);

        var settlement = await Settle(trade, intake, null);
        settlement.GetProperty("status").GetString().Should().Be("posted");
        settlement.GetProperty("number").GetString().Should().StartWith("GU-2026-");
        settlement.GetProperty("selfBilled").GetBoolean().Should().BeTrue();
        settlement.GetProperty("externalReference").GetString().Should().Be("WS-2026-000001");
        settlement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("net").GetDecimal()).Should().Equal(goods, -drying, -storage);
        settlement.GetProperty("netTotal").GetDecimal().Should().Be(netAmount).And.Be(3185.95m);
        settlement.GetProperty("taxBreakdown").EnumerateArray().Single().GetProperty("rate").GetDecimal().Should().Be(7.8m, "§24 UStG in 2026");
        settlement.GetProperty("taxTotal").GetDecimal().Should().Be(tax);
        settlement.GetProperty("grossTotal").GetDecimal().Should().Be(netAmount + tax);
        var steps = settlement.GetProperty("grainSettlement").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!);
        steps["net-weight"].GetProperty("weightKg").GetDecimal().Should().Be(net);
        steps["moisture-shrink"].GetProperty("weightKg").GetDecimal().Should().Be(-shrink);
        steps["handling-loss"].GetProperty("weightKg").GetDecimal().Should().Be(-handling);
        steps["admixture"].GetProperty("weightKg").GetDecimal().Should().Be(-admixture);
        steps["settled-weight"].GetProperty("weightKg").GetDecimal().Should().Be(settled);
        steps["quality:protein"].GetProperty("rate").GetDecimal().Should().Be(8.00m);
        steps["price"].GetProperty("amount").GetDecimal().Should().Be(goods);
        steps["drying"].GetProperty("amount").GetDecimal().Should().Be(-drying);
        steps["storage"].GetProperty("amount").GetDecimal().Should().Be(-storage);
        steps["net-amount"].GetProperty("amount").GetDecimal().Should().Be(netAmount);

        var entry = await trade.Get($"/api/v1/journal-entries/{settlement.GetProperty("journalEntryId").GetString()}");
        var lines = entry.GetProperty("lines").EnumerateArray().ToArray();
        lines.Sum(l => l.GetProperty("debit").GetDecimal()).Should().Be(lines.Sum(l => l.GetProperty("credit").GetDecimal())).And.Be(netAmount + tax);
        settlement.GetProperty("openItemId").GetString().Should().NotBeNullOrEmpty();
        (await trade.Get($"/api/v1/stock?articleId={trade.Wheat}")).EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal())
            .Should().Be(14.586m, "the settled weight goes into stock");

        var again = await trade.Client.PostAsJsonAsync($"/api/v1/grain/intakes/{intake.GetProperty("id").GetString()}/settlement", new { });
        again.StatusCode.Should().Be(HttpStatusCode.OK, "a repeated settlement answers the posted one");
        (await again.Json()).GetProperty("id").GetString().Should().Be(settlement.GetProperty("id").GetString());

        var pdf = await trade.Client.GetAsync($"/api/v1/purchase-invoices/{settlement.GetProperty("id").GetString()}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        if (Environment.GetEnvironmentVariable("VALEO_PDF_OUT") is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(folder, "gutschrift-weizen.pdf"), await pdf.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Barley_FromARegularlyTaxedFarm_SettlesAtTheGrainsRate_WithTheHectolitreDiscount_AndNoAdmixtureBelowBase()
    {
        using var app = new ClockedApp();
        var trade = await Trade.Open(app, "grain-barley");
        var barley = (await trade.Created("/api/v1/articles", new
        {
            number = "GE-2", name = "Futtergerste", unit = "t", category = "grain", vatCategory = "reduced", salesPrice = 190m, purchasePrice = 176m,
        })).GetProperty("id").GetString()!;
        var farm = (await trade.Created("/api/v1/suppliers", new
        {
            name = "Agrar Tapken GmbH", address = new { street = "Kirchweg 8", postalCode = "26197", city = "Großenkneten" }, vatId = "DE136695976",
        })).GetProperty("id").GetString()!;
        var contract = await trade.Created("/api/v1/grain/contracts", new
        {
            farmerId = farm, crop = "barley", articleId = barley, pricePerTonne = 190.00m, quantityTonnes = 100m,
            quality = new[] { new { parameter = "hectolitreWeight", from = 0m, to = 64m, adjustmentPerTonne = -3.00m } },
        });
        var intake = await trade.Created("/api/v1/grain/intakes", new
        {
            farmerId = farm, contractId = contract.GetProperty("id").GetString(), date = "2026-07-15", grossKg = 26_180m, tareKg = 12_940m,
            sample = new { moisture = 15.9m, admixture = 1.6m, hectolitreWeight = 63.0m },
        });

        const decimal net = 13_240m;
        var shrink = R0(net * (15.9m - 15m) / (100m - 15m));
        var handling = R0(net * 0.5m / 100m);
        var settled = net - shrink - handling;
        (shrink, handling, settled).Should().Be((140m, 66m, 13_034m));
        var goods = R2(settled / 1000m * (190m - 3m));
        var drying = R2(net / 1000m * (15.9m - 15m) * 2.50m);
        var netAmount = goods - drying;

        var settlement = await Settle(trade, intake, null);
        settlement.GetProperty("netTotal").GetDecimal().Should().Be(netAmount).And.Be(2407.57m);
        settlement.GetProperty("taxBreakdown").EnumerateArray().Single().GetProperty("rate").GetDecimal().Should().Be(7m, "a regularly taxed farm invoices grain at 7 %");
        settlement.GetProperty("taxTotal").GetDecimal().Should().Be(R2(netAmount * 0.07m));
        var codes = settlement.GetProperty("grainSettlement").EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToArray();
        codes.Should().Contain("quality:hectolitre-weight").And.NotContain("admixture").And.NotContain("storage");
    }

    [Fact]
    public async Task Intake_WithBadWeights_IsRejected_AndASettlementWithoutContractNeedsTheDayPrice()
    {
        using var app = new ClockedApp();
        var trade = await Trade.Open(app, "grain-invalid");
        var bad = await trade.Client.PostAsJsonAsync("/api/v1/grain/intakes", new
        {
            farmerId = trade.Farmer, crop = "wheat", articleId = trade.Wheat, grossKg = 12_000m, tareKg = 13_000m, sample = new { moisture = 100m },
        });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await bad.Content.ReadAsStringAsync();
        body.Should().Contain("tareKg").And.Contain("sample.moisture").And.Contain("sample.admixture");
        (await trade.Get("/api/v1/grain/intakes?year=2026")).GetProperty("items").GetArrayLength().Should().Be(0, "nothing was written");

        var intake = await trade.Created("/api/v1/grain/intakes", new
        {
            farmerId = trade.Farmer, crop = "wheat", articleId = trade.Wheat, date = "2026-08-01", grossKg = 20_000m, tareKg = 12_000m, sample = new { moisture = 14m, admixture = 1m },
        });
        var noPrice = await trade.Client.PostAsJsonAsync($"/api/v1/grain/intakes/{intake.GetProperty("id").GetString()}/settlement", new { });
        noPrice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noPrice.Content.ReadAsStringAsync()).Should().Contain("pricePerTonne");
        var settled = await Settle(trade, intake, 201.50m);
        settled.GetProperty("netTotal").GetDecimal().Should().Be(R2(8m * 201.50m), "dry grain below the admixture base: the net weight is settled");
    }

    private static async Task<JsonElement> Settle(Trade trade, JsonElement intake, decimal? dayPrice)
    {
        var response = await trade.Client.PostAsJsonAsync($"/api/v1/grain/intakes/{intake.GetProperty("id").GetString()}/settlement",
            dayPrice is null ? (object)new { } : new { pricePerTonne = dayPrice });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static decimal R0(decimal kg) => decimal.Round(kg, 0, MidpointRounding.AwayFromZero);
    private static decimal R2(decimal eur) => decimal.Round(eur, 2, MidpointRounding.AwayFromZero);
}
