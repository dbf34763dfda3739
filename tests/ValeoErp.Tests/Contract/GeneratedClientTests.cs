using ValeoErp.Client;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Contract;

/// <summary>
/// The typed client generated at build time from the app's own OpenAPI document (tests/ValeoErp.Client) talks to
/// the real host: if the document and the endpoints drift apart, this stops compiling or fails here.
/// </summary>
public sealed class GeneratedClientTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Customer_CreatedReadAndUpdated_ThroughTheGeneratedClient()
    {
        IValeoClient api = new ValeoClient(await app.Admin("generated-client"));
        var input = new PartnerInput
        {
            Name = "Hof Clientmann GbR",
            Address = new AddressInput { Street = "Dorfstraße 3", PostalCode = "26655", City = "Westerstede", Country = "DE" },
            VatId = "DE136695976",
            TaxTreatment = "domestic",
            PaymentTerms = new PaymentTermsInput { NetDays = 30, DiscountDays = 14, DiscountPercent = 2.5m },
        };

        var created = await api.CreateCustomerAsync(input);
        created.StatusCode.Should().Be(201);
        var customer = created.Result;
        Header(created, "Location").Should().Be($"/api/v1/customers/{customer.Id}");
        var etag = Header(created, "ETag");
        etag.Should().NotBeNullOrEmpty();
        customer.Roles.Should().Equal(PartnerRole.Customer);
        customer.TaxTreatment.Should().Be(TaxTreatment.Domestic);
        customer.PaymentTerms.DiscountPercent.Should().Be(2.5m); // decimal, not double
        customer.DebtorAccount.Should().Be(10000 + customer.Number);
        customer.CreditorAccount.Should().BeNull();
        customer.Phone.Should().BeNull();
        customer.BankAccount.Should().BeNull();

        var read = await api.GetCustomerAsync(customer.Id);
        read.StatusCode.Should().Be(200);
        Header(read, "ETag").Should().Be(etag);
        read.Result.Name.Should().Be("Hof Clientmann GbR");
        read.Result.Address.City.Should().Be("Westerstede");

        input.Phone = "+49 4488 1234";
        var updated = await api.UpdateCustomerAsync(customer.Id, etag!, input);
        updated.StatusCode.Should().Be(200);
        updated.Result.Phone.Should().Be("+49 4488 1234");
        var newEtag = Header(updated, "ETag");
        newEtag.Should().NotBe(etag);
        Header(await api.GetCustomerAsync(customer.Id), "ETag").Should().Be(newEtag);

        // The old version is gone: 412 with a problem document, surfaced as the generated exception.
        var stale = await FluentActions.Awaiting(() => api.UpdateCustomerAsync(customer.Id, etag!, input))
            .Should().ThrowAsync<ValeoApiException<ProblemDetails>>();
        stale.Which.StatusCode.Should().Be(412);

        (await api.ListCustomersAsync(200, null, "Clientmann")).Result.Items.Select(p => p.Id).Should().Contain(customer.Id);
        (await api.DeleteCustomerAsync(customer.Id, newEtag!)).StatusCode.Should().Be(204);
    }

    private static string? Header(ValeoResponse response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
