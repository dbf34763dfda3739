using ValeoErp.Client;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Contract;

/// <summary>
/// The typed client generated at build time from the checked-in contract (shared/ValeoErp.Client) talks to the real
/// host: if the contract and the endpoints drift apart, this stops compiling or fails here.
/// </summary>
public sealed class GeneratedClientTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public void CheckedInContract_IsTheDocumentTheHostBuildWrites()
    {
        var root = Triggers.FunctionRoute.FindRepoRoot();
        var built = File.ReadAllText(Path.Combine(root, "functions/ValeoErp.Functions/obj/openapi/valeo-erp.json"));
        var checkedIn = File.ReadAllText(Path.Combine(root, "shared/ValeoErp.Client/valeo-erp.openapi.json"));
        checkedIn.ReplaceLineEndings().Should().Be(built.ReplaceLineEndings(),
            "the console's client is generated from the checked-in contract: run bash scripts/update-contract.sh and review the diff");
    }

    [Fact]
    public async Task Customer_CreatedReadAndUpdated_ThroughTheGeneratedClient()
    {
        IValeoClient api = new ValeoClient(await app.Admin("generated-client"));
        var input = new PartnerInput
        {
            Name = "Hof Clientmann GbR",
            Address = new AddressInput { Street = "Dorfstraße 3", PostalCode = "26655", City = "Westerstede", Country = "DE" },
            VatId = "DE136695976",
            TaxTreatment = PartnerInputTaxTreatment.Domestic,
            PaymentTerms = new PaymentTermsInput { NetDays = 30, DiscountDays = 14, DiscountPercent = 2.5m },
        };

        var created = await api.CreateCustomerAsync("customer-round-trip", input);
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

        (await api.ListCustomersAsync(200, null, "Clientmann", null)).Result.Items.Select(p => p.Id).Should().Contain(customer.Id);
        (await api.DeleteCustomerAsync(customer.Id, newEtag!)).StatusCode.Should().Be(204);
    }

    [Fact]
    public async Task Create_RepeatedWithTheSameIdempotencyKey_ReplaysTheFirstAnswer()
    {
        IValeoClient api = new ValeoClient(await app.Admin("generated-client"));
        var input = new PartnerInput
        {
            Name = "Hof Doppelt KG",
            Address = new AddressInput { Street = "Am Deich 1", PostalCode = "26506", City = "Norden", Country = "DE" },
        };
        var first = await api.CreateCustomerAsync("same-key-1", input);
        var second = await api.CreateCustomerAsync("same-key-1", input);
        second.StatusCode.Should().Be(201);
        second.Result.Id.Should().Be(first.Result.Id);
        Header(second, "Idempotent-Replayed").Should().Be("true");
    }

    [Fact]
    public async Task Order_ToPostedInvoice_AndPaidWithSkonto_ThroughTheGeneratedClient()
    {
        IValeoClient api = new ValeoClient(await app.Admin());
        var customer = (await api.ListCustomersAsync(1, null, null, null)).Result.Items.Single();
        var kas = (await api.ListArticlesAsync(5, null, "KAS 27", null)).Result.Items.First();
        const string day = "2026-03-02"; // every date explicit: the flow does not depend on the machine's clock

        var order = (await api.CreateSalesOrderAsync(null, new OrderInput
        {
            CustomerId = customer.Id, OrderDate = day,
            Lines = [new OrderLineInput { ArticleId = kas.Id, Quantity = 12.5m }],
        })).Result;
        order.Status.Should().Be(DocumentStatus.Draft);
        order.NetTotal.Should().Be(Math.Round(12.5m * kas.SalesPrice, 2, MidpointRounding.AwayFromZero));

        // As the console calls it: no shown evidence (a JSON null body) and an idempotency key.
        (await api.SubmitSalesOrderAsync(order.Id, "submit-" + order.Id, null)).Result.Status.Should().Be(DocumentStatus.Approved);
        var delivery = await api.DeliverSalesOrderAsync(order.Id, null, new FulfilInput { Date = day });
        delivery.StatusCode.Should().Be(201);
        delivery.Result.Kind.Should().Be(DocumentKind.DeliveryNote);
        var invoice = (await api.InvoiceSalesOrderAsync(order.Id, null, new InvoiceInput { InvoiceDate = day })).Result;
        invoice.GrossTotal.Should().Be(order.GrossTotal);

        var posted = await api.PostSalesInvoiceAsync(invoice.Id, "post-once");
        posted.Result.Status.Should().Be(DocumentStatus.Posted);
        posted.Result.Number.Should().StartWith("RE-2026-");
        posted.Result.OpenItemId.Should().NotBeNullOrEmpty();

        var item = (await api.GetOpenItemAsync(posted.Result.OpenItemId!)).Result;
        item.Amount.Should().Be(order.GrossTotal);
        var discount = item.DiscountPercent ?? 0m;
        var payment = await api.RegisterPaymentAsync(null, new PaymentInput
        {
            OpenItemId = item.Id, Amount = item.Amount - Math.Round(item.Amount * discount / 100m, 2, MidpointRounding.AwayFromZero), Date = day,
        });
        payment.StatusCode.Should().Be(201);
        payment.Result.OpenItem.OpenAmount.Should().Be(0m);
        payment.Result.Discount.Should().Be(item.Amount - payment.Result.Amount);
    }

    [Fact]
    public async Task Articles_PagedBy30_AreWalkedWithoutGapsOrDuplicates()
    {
        IValeoClient api = new ValeoClient(await app.Admin());
        var ids = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = (await api.ListArticlesAsync(30, continuation, null, null)).Result;
            page.Items.Count.Should().BeLessThanOrEqualTo(30);
            ids.AddRange(page.Items.Select(a => a.Id));
            continuation = page.Continuation;
            pages++;
        } while (continuation is not null);
        pages.Should().Be(4);
        ids.Should().HaveCount(100).And.OnlyHaveUniqueItems();
    }

    private static string? Header(ValeoResponse response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
