using System.Net;
using System.Net.Http.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

public sealed class PartnerTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task Customer_GivenSupplierRole_AppearsInBothListsWithOneNumber()
    {
        var client = await app.Admin("roles");
        var customer = await (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Beides"))).Json();
        var id = customer.GetProperty("id").GetString();
        (await client.GetAsync($"/api/v1/suppliers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var both = await client.PostAsJsonAsync($"/api/v1/partners/{id}/roles", new { role = "supplier" });
        both.StatusCode.Should().Be(HttpStatusCode.OK);
        var partner = await both.Json();
        partner.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("customer", "supplier");
        var number = customer.GetProperty("number").GetInt32();
        partner.GetProperty("creditorAccount").GetInt32().Should().Be(70000 + number);
        partner.GetProperty("debtorAccount").GetInt32().Should().Be(10000 + number);

        (await client.All("/api/v1/suppliers")).Select(s => s.GetProperty("id").GetString()).Should().Contain(id);
        (await client.All("/api/v1/customers")).Select(s => s.GetProperty("id").GetString()).Should().Contain(id);
    }

    [Fact]
    public async Task DeletingOneRoleOfADualRolePartner_KeepsTheOther()
    {
        var client = await app.Admin("roles-delete");
        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer())).Json()).GetProperty("id").GetString();
        var etag = (await client.PostAsJsonAsync($"/api/v1/partners/{id}/roles", new { role = "supplier" })).Headers.ETag!.Tag;

        (await client.SendAsync(Http.Delete($"/api/v1/customers/{id}").With("If-Match", etag))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/suppliers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Contacts_BelongToAnExistingPartner_AndBlockItsDeletion()
    {
        var client = await app.Admin("contacts");
        var id = (await (await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer())).Json()).GetProperty("id").GetString();

        var orphan = await client.PostAsJsonAsync("/api/v1/contacts", new { partnerId = "nope", name = "Anna" });
        orphan.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var contact = await client.PostAsJsonAsync("/api/v1/contacts", new { partnerId = id, name = "Anna Meyer", email = "anna@hof.de", position = "Betriebsleiterin" });
        contact.StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.All($"/api/v1/contacts?partnerId={id}")).Should().ContainSingle();

        var blocked = await client.SendAsync(Http.Delete($"/api/v1/customers/{id}").With("If-Match", "\"1\""));
        blocked.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await blocked.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:partner-has-contacts");
        (await client.GetAsync($"/api/v1/customers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changes_AreInTheAuditTrailWithBeforeAndAfter()
    {
        var client = await app.Admin("audit");
        var created = await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer("Hof Vorher"));
        var id = (await created.Json()).GetProperty("id").GetString();
        await client.SendAsync(Http.Put($"/api/v1/customers/{id}", Http.ValidCustomer("Hof Nachher")).With("If-Match", "\"1\""));

        var entries = await client.All($"/api/v1/audit/logs?entityId={id}");
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal("customer.created", "customer.updated");
        var update = entries[1];
        update.GetProperty("actor").GetString().Should().Be("alice");
        update.GetProperty("before").GetProperty("name").GetString().Should().Be("Hof Vorher");
        update.GetProperty("after").GetProperty("name").GetString().Should().Be("Hof Nachher");
    }
}
