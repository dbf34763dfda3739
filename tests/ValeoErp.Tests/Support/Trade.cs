using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ValeoErp.Tests.Support;

/// <summary>A fresh tenant with the articles and partners the trade scenarios of DOMAIN.md need.</summary>
public sealed class Trade
{
    private Trade(HttpClient client, HttpClient admin) => (Client, Admin) = (client, admin);

    /// <summary>The same tenant and master data with another client (e.g. a fresh token after the test clock moved).</summary>
    public Trade WithClient(HttpClient client) => new(client, client)
    {
        Fertiliser = Fertiliser, Seed = Seed, Diesel = Diesel, Wheat = Wheat, Customer = Customer, Farmer = Farmer,
    };

    /// <summary>The client of the role under test.</summary>
    public HttpClient Client { get; }

    /// <summary>Sets up master data and stock, whatever role the scenario runs as.</summary>
    public HttpClient Admin { get; }
    public string Fertiliser { get; private set; } = "";
    public string Seed { get; private set; } = "";
    public string Diesel { get; private set; } = "";
    public string Wheat { get; private set; } = "";
    public string Customer { get; private set; } = "";
    public string Farmer { get; private set; } = "";

    public static async Task<Trade> Open(ValeoApp app, string tenant, string user = "anna", params string[] roles)
    {
        var admin = await app.ClientFor(tenant, "admin", "admin");
        var trade = new Trade(roles.Length == 0 ? await app.ClientFor(tenant, user, "admin") : await app.ClientFor(tenant, user, roles), admin);
        var c = admin;
        trade.Fertiliser = await Id(c, "/api/v1/articles", new { number = "DU-1", name = "Kalkammonsalpeter KAS 27 % N", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 289.90m, purchasePrice = 250m, nutrients = new { n = 27m }, compliance = new { ammoniumNitrate = true, explosivePrecursor = true } });
        trade.Seed = await Id(c, "/api/v1/articles", new { number = "SA-1", name = "Winterweizen Z-Saatgut", unit = "sack", category = "seed", vatCategory = "reduced", salesPrice = 48.37m, purchasePrice = 40m });
        trade.Diesel = await Id(c, "/api/v1/articles", new { number = "EN-1", name = "Agrardiesel", unit = "l", category = "fuel", vatCategory = "standard", salesPrice = 1.379m, purchasePrice = 1.2m, allowNegativeStock = true });
        trade.Wheat = await Id(c, "/api/v1/articles", new { number = "GE-1", name = "Winterweizen B", unit = "t", category = "grain", vatCategory = "reduced", salesPrice = 230m, purchasePrice = 201.50m });
        trade.Customer = await Id(c, "/api/v1/customers", new
        {
            name = "Hof Janssen GbR", address = new { street = "Dorfstraße 3", postalCode = "26655", city = "Westerstede" },
            paymentTerms = new { netDays = 30, discountDays = 14, discountPercent = 2m }, taxNumber = "68/123/45678",
        });
        // A farm buying ammonium-nitrate fertiliser (KAS) has its precursor declaration on file (EU 2019/1148).
        await trade.Declaration(trade.Customer, "Jan Janssen, Personalausweis T22000129");
        trade.Farmer = await Id(c, "/api/v1/suppliers", new
        {
            name = "Landwirt Hinrichs", address = new { street = "Am Esch 4", postalCode = "49661", city = "Cloppenburg" }, taxTreatment = "flatRateFarmer",
        });
        return trade;
    }

    /// <summary>Puts an explosive-precursor customer declaration (EU 2019/1148) on file for a business buyer.</summary>
    public async Task Declaration(string partnerId, string holder, string trade = "Landwirt (Ackerbau, Grünland)") =>
        (await Admin.PostAsJsonAsync($"/api/v1/partners/{partnerId}/evidence", new
        {
            type = "precursorDeclaration", number = $"KE-{partnerId[..Math.Min(8, partnerId.Length)]}", issuer = holder, validFrom = "2020-01-01",
            holder, trade, intendedUse = "Düngung der eigenen Flächen",
        })).StatusCode.Should().Be(HttpStatusCode.Created);

    public async Task Stock(string articleId, decimal quantity) =>
        (await Admin.PostAsJsonAsync("/api/v1/stock-movements", new { articleId, quantity, kind = "correction", reason = "Inventur" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

    public async Task<JsonElement> Order(string date, params object[] lines) =>
        await Created("/api/v1/sales-orders", new { customerId = Customer, orderDate = date, lines });

    public async Task<JsonElement> Created(string path, object body)
    {
        var response = await Client.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    public async Task<JsonElement> Ok(string path, object? body = null)
    {
        var response = await Client.PostAsJsonAsync(path, body ?? new { });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    public async Task<JsonElement> Get(string path)
    {
        var response = await Client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    /// <summary>Order -> submit -> deliver everything -> invoice -> post; returns the posted invoice.</summary>
    public async Task<JsonElement> SellAndPost(string date, params object[] lines)
    {
        var order = await Order(date, lines);
        var id = order.GetProperty("id").GetString();
        await Ok($"/api/v1/sales-orders/{id}/submit");
        await Created($"/api/v1/sales-orders/{id}/deliveries", new { date });
        var invoice = await Created($"/api/v1/sales-orders/{id}/invoices", new { invoiceDate = date });
        return await Ok($"/api/v1/sales-invoices/{invoice.GetProperty("id").GetString()}/post");
    }

    public static object Line(string articleId, decimal quantity, decimal? unitPrice = null) => new { articleId, quantity, unitPrice };

    /// <summary>A further article of the tenant that may go below zero, so scenarios need no stock for it.</summary>
    public Task<string> Article(string number) => Id(Admin, "/api/v1/articles", new
    {
        number, name = $"Artikel {number}", unit = "piece", category = "shopGoods", vatCategory = "standard",
        salesPrice = 10m, purchasePrice = 8m, allowNegativeStock = true,
    });

    private static async Task<string> Id(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetString()!;
    }
}
