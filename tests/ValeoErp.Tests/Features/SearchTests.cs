using System.Net.Http.Json;
using System.Text.Json;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Issue 5, acceptance 3 on FTS5: German queries find the seeded records; never another tenant's.</summary>
public sealed class SearchTests : IClassFixture<SearchTests.IndexedDemo>
{
    private readonly IndexedDemo _app;

    public SearchTests(IndexedDemo app) => _app = app;

    /// <summary>The demo tenant with its seed events relayed into the search index, plus a second tenant.</summary>
    public sealed class IndexedDemo : ClockedApp, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var other = await ClientFor("other", "olga", "admin");
            (await other.PostAsJsonAsync("/api/v1/articles", new
            {
                number = "X-1", name = "Kalkammonsalpeter fremd", unit = "t", category = "fertiliser", vatCategory = "standard", salesPrice = 1m,
            })).EnsureSuccessStatusCode();
            await Admin();
            await Runner().Drain();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("Dünger")]
    [InlineData("dunger")]
    [InlineData("duenger")]
    public async Task Umlauts_AreFoundInEverySpelling(string q) =>
        (await Search("demo", q)).Should().Contain(h => h.Kind == "article" && h.Title.Contains("ünger"));

    [Fact]
    public async Task Strasse_FindsPartnersOnAStrasseWithSharpS()
    {
        var hits = await Search("demo", "Strasse");
        hits.Should().Contain(h => h.Kind == "partner");
    }

    [Fact]
    public async Task KasWithItsNitrogen_FindsTheArticle() =>
        (await Search("demo", "KAS 27")).Should().Contain(h => h.Title.Contains("Kalkammonsalpeter KAS 27 % N"));

    [Fact]
    public async Task PartOfACompoundWord_IsFound() =>
        (await Search("demo", "salpeter")).Should().Contain(h => h.Title.Contains("Kalkammonsalpeter"));

    [Fact]
    public async Task ACustomersPostalCode_FindsThatCustomer()
    {
        var admin = await _app.Admin();
        var customer = (await admin.All("/api/v1/customers"))[7];
        var postal = customer.GetProperty("address").GetProperty("postalCode").GetString()!;
        (await Search("demo", postal)).Select(h => h.Id).Should().Contain(customer.GetProperty("id").GetString());
    }

    [Fact]
    public async Task AQuery_NeverReturnsAnotherTenantsRecords()
    {
        var demoHits = await Search("demo", "salpeter");
        demoHits.Should().NotContain(h => h.Title.Contains("fremd"));
        (await Search("other", "salpeter")).Should().ContainSingle().Which.Title.Should().Contain("fremd");
        (await Search("other", "Dünger")).Should().BeEmpty();
    }

    [Fact]
    public async Task Hits_AreLimitedToWhatTheCallersScopesMayRead()
    {
        var protection = await _app.ClientFor("demo", "dora", "dataProtection"); // crm:read, no inventory:read
        var hits = await (await protection.GetAsync("/api/v1/search?q=salpeter")).Json();
        hits.GetProperty("items").EnumerateArray().Should().NotContain(h => h.GetProperty("kind").GetString() == "article");
    }

    private async Task<List<Hit>> Search(string tenant, string q)
    {
        var client = await _app.ClientFor(tenant, "sam", "admin");
        var body = await (await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&limit=50")).EnsureSuccessStatusCode().Json();
        return body.GetProperty("items").EnumerateArray()
            .Select(h => new Hit(h.GetProperty("kind").GetString()!, h.GetProperty("id").GetString()!, h.GetProperty("title").GetString()!)).ToList();
    }

    private sealed record Hit(string Kind, string Id, string Title);
}
