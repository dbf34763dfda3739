using System.Net;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

public sealed class TenantProvisioningTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task FirstDevToken_ProvisionsTenantWithReferenceDataButNoDemoData()
    {
        var client = await app.Admin("neu-gmbh");

        var accounts = await client.All("/api/v1/accounts");
        accounts.Select(a => a.GetProperty("number").GetString()).Should().Contain(
            ["1000", "1200", "1360", "1400", "1571", "1576", "1600", "1771", "1776", "3300", "3400", "3731", "3736", "8300", "8400", "8731", "8736"]);
        accounts.Single(a => a.GetProperty("number").GetString() == "8400").GetProperty("name").GetString().Should().Be("Erlöse 19 % USt");

        var rates = await client.All("/api/v1/vat-rates");
        rates.Where(r => r.GetProperty("code").GetString() == "flatRateFarmer")
            .Select(r => (r.GetProperty("validFrom").GetString(), r.GetProperty("percent").GetDecimal()))
            .Should().Contain([("2024-12-06", 8.4m), ("2025-01-01", 7.8m), ("2023-01-01", 9.0m)]);

        (await client.All("/api/v1/payment-terms")).Should().Contain(t => t.GetProperty("code").GetString() == "SK2-14-30");
        (await client.All("/api/v1/number-series")).Should().Contain(s => s.GetProperty("pattern").GetString() == "RE-{yyyy}-");
        var warehouses = await client.All("/api/v1/warehouses");
        warehouses.Should().ContainSingle().Which.GetProperty("isDefault").GetBoolean().Should().BeTrue();
        (await client.All("/api/v1/articles")).Should().BeEmpty();
        (await client.All("/api/v1/customers")).Should().BeEmpty();
    }

    [Fact]
    public async Task SecondToken_ForTheSameTenant_ProvisionsNothingTwice()
    {
        await app.Admin("twice");
        var client = await app.ClientFor("twice", "bob", "accountant");
        (await client.All("/api/v1/accounts")).Select(a => a.GetProperty("number").GetString()).Should().OnlyHaveUniqueItems();
        (await client.GetAsync("/api/v1/accounts/8400")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DemoTenant_HasUsersForEveryRole()
    {
        var client = await app.Admin();
        var roles = (await client.All("/api/v1/users")).SelectMany(u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        roles.Should().Contain(Functions.Auth.Scopes.ByRole.Keys);
    }

    [Fact]
    public async Task DefaultWarehouse_CannotBeDeleted()
    {
        var client = await app.Admin("wh");
        var warehouse = (await client.All("/api/v1/warehouses")).Single();
        var response = await client.SendAsync(Http.Delete($"/api/v1/warehouses/{warehouse.GetProperty("id").GetString()}").With("If-Match", "\"1\""));
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:default-warehouse");
    }
}
