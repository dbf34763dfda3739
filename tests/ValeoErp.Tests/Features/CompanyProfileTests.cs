using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;
using static ValeoErp.Tests.Support.Http;

namespace ValeoErp.Tests.Features;

/// <summary>The company profile every outgoing document is issued under, and the customers' e-invoice details.</summary>
public sealed class CompanyProfileTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    public static object Profile(string? vatId = "DE136695976", object? contact = null, string logo = "") => new
    {
        legalName = "Landhandel Ammerland GmbH",
        address = new { street = "Raiffeisenstraße 1", postalCode = "26655", city = "Westerstede", country = "DE" },
        vatId,
        taxNumber = "64/211/01234",
        register = new { court = "Amtsgericht Oldenburg", number = "HRB 123456" },
        managingDirectors = new[] { "Hinrich Janssen", "Frauke Oltmanns" },
        bankAccounts = new[] { new { iban = "DE02120300000000202051", bic = "BYLADEM1001", bankName = "Raiffeisenbank Ammerland" } },
        contact = contact ?? new { name = "Frauke Oltmanns", phone = "+49 4488 5500", email = "rechnung@landhandel-ammerland.de" },
        electronicAddress = "rechnung@landhandel-ammerland.de",
        logo = logo.Length == 0 ? null : new { contentType = "image/png", data = logo },
    };

    [Fact]
    public async Task Profile_IsSetWithIfMatchZero_ReadBack_AndGuardedByItsETag()
    {
        var admin = await app.Admin("company-profile");
        (await admin.GetAsync("/api/v1/settings/company")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.SendAsync(Put("/api/v1/settings/company", Profile()))).StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);

        var set = await admin.SendAsync(Put("/api/v1/settings/company", Profile(logo: Convert.ToBase64String(Png))).With("If-Match", "\"0\""));
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        set.Headers.ETag!.Tag.Should().Be("\"1\"");

        var read = await admin.GetAsync("/api/v1/settings/company");
        var body = await read.Json();
        body.GetProperty("legalName").GetString().Should().Be("Landhandel Ammerland GmbH");
        body.GetProperty("register").GetProperty("number").GetString().Should().Be("HRB 123456");
        body.GetProperty("bankAccounts")[0].GetProperty("iban").GetString().Should().Be("DE02120300000000202051");
        body.GetProperty("contact").GetProperty("email").GetString().Should().Be("rechnung@landhandel-ammerland.de");
        Convert.FromBase64String(body.GetProperty("logo").GetProperty("data").GetString()!).Should().Equal(Png);

        (await admin.SendAsync(Put("/api/v1/settings/company", Profile()).With("If-Match", "\"0\""))).StatusCode
            .Should().Be(HttpStatusCode.PreconditionFailed);
        var viewer = await app.ClientFor("company-profile", "vera", "viewer");
        (await viewer.SendAsync(Put("/api/v1/settings/company", Profile()).With("If-Match", "\"1\""))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Profile_WithoutVatIdOrTaxNumber_BadBankAndFakeLogo_IsRejectedByField_AndNothingIsSaved()
    {
        var admin = await app.Admin("company-invalid");
        var invalid = new
        {
            legalName = "Landhandel Ammerland GmbH",
            address = new { street = "Raiffeisenstraße 1", postalCode = "2665", city = "Westerstede" },
            bankAccounts = new[] { new { iban = "DE02120300000000202052" } },
            contact = new { email = "not-an-address" },
            logo = new { contentType = "image/png", data = Convert.ToBase64String("<svg/>"u8.ToArray()) },
        };
        var response = await admin.SendAsync(Put("/api/v1/settings/company", invalid).With("If-Match", "\"0\""));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().Contain(["address.postalCode", "bankAccounts[0].iban", "contact.email", "logo.data"]);
        (await admin.GetAsync("/api/v1/settings/company")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var neither = await admin.SendAsync(Put("/api/v1/settings/company", new
        {
            legalName = "Landhandel Ammerland GmbH",
            address = new { street = "Raiffeisenstraße 1", postalCode = "26655", city = "Westerstede" },
        }).With("If-Match", "\"0\""));
        (await neither.Json()).GetProperty("errors").TryGetProperty("vatId", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Customer_KeepsItsBuyerReferenceAndEInvoiceFormat()
    {
        var admin = await app.Admin("company-customers");
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Landkreis Ammerland", address = new { street = "Ammerlandallee 12", postalCode = "26655", city = "Westerstede" },
            buyerReference = "04011000-12345-34", eInvoiceFormat = "xrechnungUbl", eInvoiceAddress = "e-rechnung@ammerland.de",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Json();
        body.GetProperty("buyerReference").GetString().Should().Be("04011000-12345-34");
        body.GetProperty("eInvoiceFormat").GetString().Should().Be("xrechnungUbl");

        var unknown = await admin.PostAsJsonAsync("/api/v1/customers", new
        {
            name = "Hof X", address = new { street = "Weg 1", postalCode = "26655", city = "Westerstede" }, eInvoiceFormat = "fax",
        });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
