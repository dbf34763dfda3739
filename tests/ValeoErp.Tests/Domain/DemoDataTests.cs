using System.Text.RegularExpressions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Tests.Domain;

public class DemoDataTests
{
    [Fact]
    public void Articles_AreHundredAndAllValid()
    {
        DemoData.Articles.Should().HaveCount(100);
        foreach (var input in DemoData.Articles)
        {
            var result = ArticleFeatures.Build(input, "id");
            result.IsSuccess.Should().BeTrue(because: $"{input.Number}: {Describe(result.Error)}");
        }
    }

    [Fact]
    public void Articles_CoverEveryTradedCategory()
    {
        var categories = Build(DemoData.Articles).GroupBy(a => a.Category).ToDictionary(g => g.Key, g => g.Count());

        categories[ArticleCategory.Fertiliser].Should().BeInRange(15, 25);
        categories[ArticleCategory.Seed].Should().BeInRange(15, 25);
        categories[ArticleCategory.PlantProtection].Should().BeInRange(10, 20);
        categories[ArticleCategory.Feed].Should().BeInRange(15, 25);
        categories[ArticleCategory.Fuel].Should().BeInRange(3, 8);
        categories[ArticleCategory.ShopGoods].Should().BeInRange(15, 25);
        categories[ArticleCategory.Grain].Should().BeInRange(4, 10);
    }

    [Fact]
    public void ArticleNumbersAndEans_AreUnique()
    {
        var articles = Build(DemoData.Articles);
        var eans = articles.Select(a => a.Ean).OfType<string>().ToList();

        articles.Select(a => a.Number).Should().OnlyHaveUniqueItems();
        eans.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(70)
            .And.OnlyContain(e => e.Length == 13 && string.CompareOrdinal(e, "400") >= 0 && string.CompareOrdinal(e, "441") < 0);
    }

    [Fact]
    public void Articles_HavePlausiblePrices()
    {
        foreach (var article in Build(DemoData.Articles))
        {
            article.SalesPrice.Should().BePositive(because: article.Number);
            article.PurchasePrice.Should().NotBeNull().And.BeLessThan(article.SalesPrice, because: article.Number);
        }
    }

    [Fact]
    public void Articles_FollowTheVatAndStockRulesOfTheirCategory()
    {
        foreach (var article in Build(DemoData.Articles))
        {
            var reduced = article.Category is ArticleCategory.Seed or ArticleCategory.Feed or ArticleCategory.Grain;
            article.VatCategory.Should().Be(reduced ? VatCategory.Reduced : VatCategory.Standard, because: article.Number);
            article.AllowNegativeStock.Should().Be(article.Category == ArticleCategory.Fuel, because: article.Number);
            article.LotTracking.Should().Be(article.Category is ArticleCategory.Seed or ArticleCategory.PlantProtection or ArticleCategory.Feed,
                because: article.Number);
            article.Compliance.PlantProtection.Should().Be(article.Category == ArticleCategory.PlantProtection, because: article.Number);
            if (article.Category == ArticleCategory.Fertiliser) article.Nutrients.Should().NotBeNull(because: article.Number);
        }
    }

    [Fact]
    public void KalkammonsalpeterIsFlaggedAmmoniumNitrate()
    {
        var kas = Build(DemoData.Articles).Single(a => a.Name == "Kalkammonsalpeter KAS 27 % N");

        kas.Category.Should().Be(ArticleCategory.Fertiliser);
        kas.Nutrients!.N.Should().Be(27m);
        kas.Compliance.AmmoniumNitrate.Should().BeTrue();
        kas.Compliance.ExplosivePrecursor.Should().BeTrue();
        Build(DemoData.Articles).Where(a => a.Compliance.AmmoniumNitrate)
            .Should().OnlyContain(a => a.Name.Contains("salpeter") && a.Nutrients!.N > 16m);
    }

    [Fact]
    public void Customers_AreFiftyAndAllValid()
    {
        DemoData.Customers.Should().HaveCount(50);
        var partners = DemoData.Customers.Select(input =>
        {
            var result = PartnerRules.Build(input, "id", 1, [PartnerRole.Customer]);
            result.IsSuccess.Should().BeTrue(because: $"{input.Name}: {Describe(result.Error)}");
            return result.Value;
        }).ToList();

        partners.Select(p => p.Name).Should().OnlyHaveUniqueItems();
        partners.Count(p => p.VatId is not null).Should().BeInRange(20, 35);
        partners.Count(p => p.BankAccount is not null).Should().BeGreaterThanOrEqualTo(12);
        partners.Count(p => Regex.IsMatch(p.Address.Street, @"[Ss]traße \d+$")).Should().BeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void SomeCustomersAreFlatRateFarmers()
    {
        var partners = DemoData.Customers.Select(c => PartnerRules.Build(c, "id", 1, [PartnerRole.Customer]).Value).ToList();

        partners.Count(p => p.TaxTreatment == TaxTreatment.FlatRateFarmer).Should().BeGreaterThanOrEqualTo(12);
        partners.Where(p => p.TaxTreatment == TaxTreatment.EuReverseCharge).Select(p => p.Address.Country)
            .Should().BeEquivalentTo(["NL", "AT"]);
        partners.Where(p => p.TaxTreatment == TaxTreatment.Domestic).Should().OnlyContain(p => p.Address.Country == "DE");
    }

    [Fact]
    public void Suppliers_WithFarmers_AreTwenty()
    {
        DemoData.Suppliers.Should().HaveCount(15);
        DemoData.CustomersAlsoSuppliers.Should().HaveCount(5).And.OnlyHaveUniqueItems()
            .And.OnlyContain(i => i >= 0 && i < DemoData.Customers.Count);
        DemoData.CustomersAlsoSuppliers.Select(i => DemoData.Customers[i].TaxTreatment).Should().AllBe("flatRateFarmer");

        var farmers = DemoData.CustomersAlsoSuppliers.Select(i => DemoData.Customers[i]);
        foreach (var input in DemoData.Suppliers.Concat(farmers))
        {
            var result = PartnerRules.Build(input, "id", 1, [PartnerRole.Customer, PartnerRole.Supplier]);
            result.IsSuccess.Should().BeTrue(because: $"{input.Name}: {Describe(result.Error)}");
        }
        DemoData.Suppliers.Concat(farmers).Should().HaveCount(20);
        DemoData.Suppliers.Should().OnlyContain(s => s.VatId != null && s.BankAccount != null && s.TaxTreatment == "domestic");
    }

    [Fact]
    public void Warehouses_AreTwoAndAllValid()
    {
        DemoData.Warehouses.Should().HaveCount(2);
        foreach (var input in DemoData.Warehouses)
        {
            var result = WarehouseFeatures.Build(input, "id", false);
            result.IsSuccess.Should().BeTrue(because: $"{input.Code}: {Describe(result.Error)}");
            result.Value.Code.Should().NotBe(ProvisionTenant.DefaultWarehouseCode);
        }
        DemoData.Warehouses.Select(w => w.Code).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Users_HaveOneUserPerRole()
    {
        string[] roles = ["admin", "viewer", "sales", "salesManager", "purchasing", "purchaseManager", "accountant",
            "warehouse", "auditor", "dataProtection", "cashier"];

        DemoData.Users.SelectMany(u => u.Roles).Should().BeEquivalentTo(roles);
        DemoData.Users.Should().OnlyContain(u => u.Roles.Count == 1 && u.Id == u.Roles[0].ToLowerInvariant()
            && u.Email!.EndsWith("@demo.valeo.local", StringComparison.Ordinal));
    }

    [Fact]
    public void DemoData_IsDeterministic()
    {
        DemoData.Articles.Select(a => a.Ean).Should().Equal(DemoData.Articles.Select(a => a.Ean));
        Build(DemoData.Articles).Single(a => a.Number == "DU-1013").Ean.Should().Be(Gtin("403182201013"));
    }

    private static List<Article> Build(IEnumerable<ArticleInput> inputs) =>
        inputs.Select(i => ArticleFeatures.Build(i, "id").Value).ToList();

    private static string Gtin(string twelve) => twelve + Ean.CheckDigit(twelve);

    private static string Describe(Error? error) => error is ValidationFailed failed
        ? string.Join(";", failed.Fields.Select(f => $"{f.Field} {f.Message}"))
        : error?.ToString() ?? "";
}
