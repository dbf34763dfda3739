using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Articles;

public sealed record ComplianceInput(bool? PlantProtection, bool? AmmoniumNitrate, bool? QsFeed, bool? ExplosivePrecursor);

public sealed record NutrientsInput(decimal? N, decimal? P2O5, decimal? K2O);

public sealed record ArticleInput(
    [property: Required, MaxLength(30)] string? Number,
    [property: Required, MaxLength(200)] string? Name,
    [property: MaxLength(14)] string? Ean,
    [property: Required, TextEnum(typeof(ArticleUnit))] string? Unit,
    [property: Required, TextEnum(typeof(ArticleCategory))] string? Category,
    [property: Required, TextEnum(typeof(VatCategory))] string? VatCategory,
    [property: Required, Range(typeof(decimal), "0", "79228162514264337593543950335")] decimal? SalesPrice,
    decimal? PurchasePrice,
    ComplianceInput? Compliance,
    NutrientsInput? Nutrients,
    bool? LotTracking,
    bool? AllowNegativeStock,
    decimal? MinimumStock,
    decimal? LotSize = null,
    string? PreferredSupplierId = null);

public sealed class ArticleResource : ResourceDefinition<Article>
{
    public static readonly ArticleResource Instance = new();
    public override string RecordType => "article";
    public override string Name => "Article";
    public override string Path => "/api/v1/articles";
    public override string EventName => "article";
    public override string IdOf(Article entity) => entity.Id;
    public override RecordIndex Index(Article a) => RecordIndex.For(a.Number, a.Number, a.Name, a.Ean);
    public override IEnumerable<UniqueKey> UniqueKeys(Article a) =>
        a.Ean is null ? [new("number", a.Number)] : [new("number", a.Number), new("ean", a.Ean)];
}

/// <summary>Articles: number and EAN unique per company, prices in EUR with up to four decimals (diesel per litre).</summary>
public sealed class ArticleFeatures(MasterData data)
{
    public Task<Result<Versioned<Article>>> Create(ArticleInput input, CancellationToken ct) =>
        data.Create(ArticleResource.Instance, () => Build(input, Ids.New()), ct);

    public Task<Result<Versioned<Article>>> Update(string id, string? ifMatch, ArticleInput input, CancellationToken ct) =>
        data.Update(ArticleResource.Instance, id, ifMatch, existing => Build(input, existing.Id), ct);

    public Task<Result<bool>> Delete(string id, string? ifMatch, CancellationToken ct) =>
        data.Delete(ArticleResource.Instance, id, ifMatch, _ => Task.FromResult<Error?>(null), ct);

    public static Result<Article> Build(ArticleInput input, string id)
    {
        var errors = new FieldErrors();
        var number = errors.Required("number", input.Number, 30);
        if (number is not null && number.Any(char.IsWhiteSpace)) errors.Add("number", "must not contain spaces.");
        var name = errors.Required("name", input.Name);
        var ean = errors.Check("ean", PartnerRules.Blank(input.Ean), Ean.Parse);
        var unit = Required<ArticleUnit>(errors, "unit", input.Unit);
        var category = Required<ArticleCategory>(errors, "category", input.Category);
        var vat = Required<VatCategory>(errors, "vatCategory", input.VatCategory);
        if (input.SalesPrice is null) errors.Add("salesPrice", "is required.");
        var sales = errors.NonNegative("salesPrice", input.SalesPrice, 4);
        var purchase = errors.NonNegative("purchasePrice", input.PurchasePrice, 4);
        var minimum = errors.NonNegative("minimumStock", input.MinimumStock, 3);
        var lot = errors.NonNegative("lotSize", input.LotSize, 3);
        if (lot == 0m) errors.Add("lotSize", "must be positive when given.");
        var flags = input.Compliance is { } c
            ? new ComplianceFlags(c.PlantProtection ?? false, c.AmmoniumNitrate ?? false, c.QsFeed ?? false, c.ExplosivePrecursor ?? false)
            : ComplianceFlags.None;
        var nutrients = input.Nutrients is { } n
            ? PartnerRules.Nested(errors, "nutrients", e => Nutrients.Validate(e, n.N, n.P2O5, n.K2O))
            : null;
        if (category is { } cat) Article.CheckConsistency(errors, cat, flags, nutrients);

        if (errors.Any) return errors.ToError();
        return new Article
        {
            Id = id, Number = number!, Name = name!, Ean = ean, Unit = unit!.Value, Category = category!.Value,
            VatCategory = vat!.Value, SalesPrice = sales!.Value, PurchasePrice = purchase, Compliance = flags,
            Nutrients = nutrients, LotTracking = input.LotTracking ?? false,
            AllowNegativeStock = input.AllowNegativeStock ?? false, MinimumStock = minimum, LotSize = lot,
            PreferredSupplierId = PartnerRules.Blank(input.PreferredSupplierId),
        };
    }

    private static T? Required<T>(FieldErrors errors, string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required.");
            return null;
        }
        return PartnerRules.ParseEnum<T>(errors, field, value);
    }
}
