using System.Net;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>Acceptance 2: the seeded demo tenant and continuation paging.</summary>
public sealed class MasterDataListingTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Theory]
    [InlineData("/api/v1/articles", 100)]
    [InlineData("/api/v1/customers", 50)]
    [InlineData("/api/v1/suppliers", 20)]
    [InlineData("/api/v1/warehouses", 3)]
    public async Task DemoTenant_ListsSeededMasterData(string path, int expected)
    {
        var client = await app.Admin();
        (await client.All(path)).Should().HaveCount(expected);
    }

    [Fact]
    public async Task Paging_WithLimit30_WalksAllArticlesWithoutGapsOrDuplicates()
    {
        var client = await app.Admin();
        var pages = new List<int>();
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var page = await (await client.GetAsync("/api/v1/articles?limit=30" +
                (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)))).EnsureSuccessStatusCode().Json();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            pages.Add(items.Count);
            ids.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        } while (continuation is not null);

        pages.Should().Equal(30, 30, 30, 10);
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(100);
        var all = (await client.All("/api/v1/articles")).Select(a => a.GetProperty("id").GetString()).ToList();
        ids.Should().BeEquivalentTo(all, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Articles_AreOrderedByNumber()
    {
        var client = await app.Admin();
        var numbers = (await client.All("/api/v1/articles", 40)).Select(a => a.GetProperty("number").GetString()).ToList();
        numbers.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("Dünger")]
    [InlineData("dunger")]
    [InlineData("duenger")]
    [InlineData("salpeter")]
    [InlineData("KAS 27")]
    public async Task Filter_FindsArticlesByGermanNameVariants(string q)
    {
        var client = await app.Admin();
        var found = await client.All($"/api/v1/articles?q={Uri.EscapeDataString(q)}");
        found.Should().NotBeEmpty();
        found.Should().OnlyContain(a => a.GetProperty("category").GetString() == "fertiliser");
    }

    [Fact]
    public async Task Filter_ByCustomerNumber_FindsThatCustomer()
    {
        var client = await app.Admin();
        var first = (await client.All("/api/v1/customers"))[0];
        var number = first.GetProperty("number").GetInt32().ToString();
        var found = await client.All($"/api/v1/customers?q={number}");
        found.Select(c => c.GetProperty("id").GetString()).Should().Contain(first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Filter_FoldsSharpSAndCase()
    {
        var client = await app.Admin("sharp-s");
        var body = new
        {
            name = "Hof Döring", address = new { street = "Huntloser Straße 1", postalCode = "26197", city = "Großenkneten" },
        };
        (await client.PostAsync("/api/v1/customers", System.Net.Http.Json.JsonContent.Create(body))).StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var q in new[] { "Großenkneten", "grossenkneten", "GROSSENKNETEN", "döring", "doering", "doring" })
            (await client.All($"/api/v1/customers?q={Uri.EscapeDataString(q)}")).Should().ContainSingle(q);
    }

    [Fact]
    public async Task TamperedContinuation_IsRejectedWith400()
    {
        var client = await app.Admin();
        var response = await client.GetAsync("/api/v1/articles?limit=5&continuation=not-a-token!!");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:valeo:problem:invalid-continuation");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Limit_OutOfRange_IsRejected(int limit)
    {
        var client = await app.Admin();
        var response = await client.GetAsync($"/api/v1/articles?limit={limit}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Seed_OnSecondStart_ChangesNothing()
    {
        using var again = new SecondStart(app.DataDirectory);
        var client = await again.Admin();
        (await client.All("/api/v1/articles")).Should().HaveCount(100);
        (await client.All("/api/v1/customers")).Should().HaveCount(50);
    }

    private sealed class SecondStart : ValeoApp
    {
        private readonly string _directory;

        public SecondStart(string directory)
        {
            _directory = directory;
            KeepData = true; // the first app's fixture owns the folder
        }

        public override string DataDirectory => _directory;
    }
}

public sealed class DemoStockTests(ValeoApp app) : IClassFixture<ValeoApp>
{
    [Fact]
    public async Task DemoTenant_HasOpeningStock_SoAnOrderCanBeDeliveredAtOnce()
    {
        var client = await app.Admin();
        var kas = (await client.All("/api/v1/articles?q=KAS%2027")).First();
        var stock = await (await client.GetAsync($"/api/v1/stock?articleId={kas.GetProperty("id").GetString()}")).Json();
        stock.EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()).Should().BeGreaterThan(0m);
        var movements = await client.All($"/api/v1/stock-movements?articleId={kas.GetProperty("id").GetString()}");
        movements.Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("opening");
    }
}
