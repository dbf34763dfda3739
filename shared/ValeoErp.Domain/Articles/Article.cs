using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Articles;

public enum ArticleUnit { T, Kg, L, Piece, Sack }

public enum VatCategory { Standard, Reduced, Zero }

public enum ArticleCategory { Fertiliser, Seed, PlantProtection, Feed, Fuel, ShopGoods, Grain, Services }

/// <summary>
/// What the till and the order screen must check before selling (DOMAIN.md, Landhandel compliance).
/// </summary>
public sealed record ComplianceFlags(
    bool PlantProtection = false,
    bool AmmoniumNitrate = false,
    bool QsFeed = false,
    bool ExplosivePrecursor = false)
{
    public static readonly ComplianceFlags None = new();
}

/// <summary>Nutrient content in percent of the product's mass (N, P2O5, K2O), for fertiliser reporting.</summary>
public sealed record Nutrients(decimal N, decimal P2O5, decimal K2O)
{
    public static Nutrients? Validate(FieldErrors errors, decimal? n, decimal? p, decimal? k)
    {
        var before = errors.All.Count;
        foreach (var (field, value) in new[] { ("n", n), ("p2o5", p), ("k2o", k) })
            if (value is < 0m or > 100m) errors.Add(field, "must be a percentage between 0 and 100.");
        if ((n ?? 0) + (p ?? 0) + (k ?? 0) > 100m) errors.Add("n", "nutrients add up to more than 100 %.");
        return errors.All.Count == before ? new Nutrients(n ?? 0, p ?? 0, k ?? 0) : null;
    }
}

public sealed record Article
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string Name { get; init; }
    public string? Ean { get; init; }
    public required ArticleUnit Unit { get; init; }
    public required ArticleCategory Category { get; init; }
    public required VatCategory VatCategory { get; init; }
    public required decimal SalesPrice { get; init; }
    public decimal? PurchasePrice { get; init; }
    public required ComplianceFlags Compliance { get; init; }
    public Nutrients? Nutrients { get; init; }
    public bool LotTracking { get; init; }
    public bool AllowNegativeStock { get; init; }
    /// <summary>The reorder point: below it a reorder proposal is made.</summary>
    public decimal? MinimumStock { get; init; }
    /// <summary>Reorder quantities are whole multiples of this (e.g. a truck load of 25 t).</summary>
    public decimal? LotSize { get; init; }
    public string? PreferredSupplierId { get; init; }

    /// <summary>Rules across fields: ammonium-nitrate goods are fertiliser with more than 16 % N (EU 2019/1148).</summary>
    public static void CheckConsistency(FieldErrors errors, ArticleCategory category, ComplianceFlags flags, Nutrients? nutrients)
    {
        if (nutrients is not null && category != ArticleCategory.Fertiliser)
            errors.Add("nutrients", "only fertiliser carries a nutrient content.");
        if (flags.AmmoniumNitrate && category != ArticleCategory.Fertiliser)
            errors.Add("compliance.ammoniumNitrate", "only fertiliser can be an ammonium-nitrate product.");
        if (category == ArticleCategory.Fertiliser && nutrients is { N: > 16m } && !flags.AmmoniumNitrate && flags.ExplosivePrecursor)
            errors.Add("compliance.ammoniumNitrate", "a regulated precursor fertiliser with more than 16 % N must be flagged ammoniumNitrate.");
        if (flags.PlantProtection && category != ArticleCategory.PlantProtection)
            errors.Add("compliance.plantProtection", "only plant-protection articles carry this flag.");
        if (flags.QsFeed && category != ArticleCategory.Feed)
            errors.Add("compliance.qsFeed", "only feed carries the QS feed flag.");
    }
}
