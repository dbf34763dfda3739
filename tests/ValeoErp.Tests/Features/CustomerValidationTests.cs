using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Acceptance 4, and the other validation rules of partners and articles.</summary>
public sealed class CustomerValidationTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Create_WithMissingNameBadPostalCodeAndBadVatId_Is400NamingAllThree_AndChangesNothing()
    {
        var client = await app.Admin();
        var before = (await client.All("/api/v1/customers")).Count;

        var response = await client.PostAsJsonAsync("/api/v1/customers", new
        {
            address = new { street = "Hauptstraße 1", postalCode = "2665", city = "Westerstede", country = "DE" },
            vatId = "DE123456789",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Json();
        problem.GetProperty("type").GetString().Should().Be("urn:valeo:problem:validation");
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("name", "address.postalCode", "vatId");
        (await client.All("/api/v1/customers")).Should().HaveCount(before);
    }

    [Fact]
    public async Task Create_WithBadIbanAndUnknownTaxTreatment_NamesBoth()
    {
        var client = await app.Admin();
        var response = await client.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Hof Meyer",
            address = new { street = "Am Esch 4", postalCode = "49661", city = "Cloppenburg" },
            taxTreatment = "farmer",
            bankAccount = new { iban = "DE89370400440532013001" },
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("taxTreatment", "bankAccount.iban");
    }

    [Fact]
    public async Task Create_ReverseChargeWithoutVatId_IsRejected()
    {
        var client = await app.Admin();
        var response = await client.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Boerderij de Vries",
            address = new { street = "Dorpsstraat 5", postalCode = "7901 AB", city = "Hoogeveen", country = "NL" },
            taxTreatment = "euReverseCharge",
        });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").TryGetProperty("vatId", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_MalformedJson_Is400Problem()
    {
        var client = await app.Admin();
        var response = await client.PostAsync("/api/v1/customers",
            new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:validation");
    }

    [Fact]
    public async Task Create_WithTextWhereANumberBelongs_NamesTheField()
    {
        var client = await app.Admin();
        var response = await client.PostAsync("/api/v1/articles",
            new StringContent("{\"number\":\"X-1\",\"salesPrice\":\"teuer\"}", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").TryGetProperty("salesPrice", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_ValidCustomer_Is201WithLocationETagAndAccounts()
    {
        var client = await app.Admin();
        var response = await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Neu"));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.Json();
        var id = body.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/customers/{id}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        var number = body.GetProperty("number").GetInt32();
        body.GetProperty("debtorAccount").GetInt32().Should().Be(10000 + number);
        body.GetProperty("vatId").GetString().Should().Be("DE136695976");
        body.GetProperty("paymentTerms").GetProperty("discountPercent").GetDecimal().Should().Be(2m);
    }

    [Fact]
    public async Task Article_WithWrongEanCheckDigit_IsRejected_AndDuplicateNumberIs409()
    {
        var client = await app.Admin();
        var article = new Dictionary<string, object?>
        {
            ["number"] = "TEST-1", ["name"] = "Testdünger", ["unit"] = "t", ["category"] = "fertiliser",
            ["vatCategory"] = "standard", ["salesPrice"] = 289.90m, ["ean"] = "4006381333932",
        };
        var bad = await client.PostAsJsonAsync("/api/v1/articles", article);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Json()).GetProperty("errors").TryGetProperty("ean", out _).Should().BeTrue();

        article["ean"] = "4006381333931";
        (await client.PostAsJsonAsync("/api/v1/articles", article)).StatusCode.Should().Be(HttpStatusCode.Created);
        article["ean"] = null;
        var duplicate = await client.PostAsJsonAsync("/api/v1/articles", article);
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await duplicate.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:duplicate-number");
    }
}
