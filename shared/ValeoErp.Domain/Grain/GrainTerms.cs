namespace ValeoErp.Domain.Grain;

/// <summary>The crops taken in at the intake (Getreideannahme); each has its own house defaults for the settlement.</summary>
public enum Crop { Wheat, Barley, Rye, Triticale, Oats, Rapeseed, Maize }

/// <summary>The sample values a quality table can price; moisture and admixture are settled by weight instead.</summary>
public enum QualityParameter { Protein, HectolitreWeight, FallingNumber }

/// <summary>
/// The laboratory sample of one intake ticket. Percent values as written on the ticket (16.8 = 16.8 %),
/// hectolitre weight in kg/hl, falling number in seconds. Values not measured stay null and are then not priced.
/// </summary>
public sealed record GrainSample(decimal Moisture, decimal Admixture, decimal? HectolitreWeight, decimal? Protein, decimal? FallingNumber)
{
    /// <summary>The measured value a quality table row is matched against, or null when it was not measured.</summary>
    public decimal? ValueOf(QualityParameter parameter) => parameter switch
    {
        QualityParameter.Protein => Protein,
        QualityParameter.HectolitreWeight => HectolitreWeight,
        QualityParameter.FallingNumber => FallingNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
    };
}

/// <summary>
/// One row of a quality table (premium or discount per tonne): applies when From &lt;= value &lt; To, To null
/// meaning open upwards. For "below x" rows From is 0. Per parameter only the first matching row counts, so a
/// contract can list overlapping rows in order of precedence.
/// </summary>
public sealed record QualityStep(QualityParameter Parameter, decimal From, decimal? To, decimal AdjustmentPerTonne)
{
    public bool Matches(decimal value) => From <= value && (To is not { } to || value < to);
}

/// <summary>
/// What a settlement is computed with: the price and bases of the contract, or the crop's house defaults when
/// the grain came in without a contract. Percent values as on the ticket (14.5 = 14.5 %).
/// </summary>
public sealed record GrainTerms(
    Crop Crop,
    decimal PricePerTonne,
    decimal BaseMoisture,
    decimal HandlingLossPercent,
    decimal DryingCostPerTonneAndPoint,
    decimal BaseAdmixture,
    decimal StorageFeePerTonne,
    IReadOnlyList<QualityStep> Quality)
{
    /// <summary>
    /// The house defaults per crop. A contract overrides any of them; these only apply to free deliveries and as the
    /// starting point of a new contract. Bread grain is settled to 14.5 % moisture, feed barley and maize to 15 %,
    /// rapeseed to 9 %. The handling loss (Manipulationsverlust) only applies when the grain is dried.
    /// </summary>
    private static (decimal BaseMoisture, decimal HandlingLoss, decimal DryingCost, decimal BaseAdmixture, decimal StorageFee) Defaults(Crop crop) => crop switch
    {
        //                   base moisture %  handling loss %  drying EUR/t and point  base admixture %  storage EUR/t
        Crop.Wheat     => (14.5m,            0.5m,            2.50m,                  2m,               0m),
        Crop.Rye       => (14.5m,            0.5m,            2.50m,                  2m,               0m),
        Crop.Triticale => (14.5m,            0.5m,            2.50m,                  2m,               0m),
        Crop.Oats      => (14.5m,            0.5m,            2.50m,                  2m,               0m),
        Crop.Barley    => (15m,              0.5m,            2.50m,                  2m,               0m),
        Crop.Maize     => (15m,              0.5m,            3.50m,                  2m,               0m),
        Crop.Rapeseed  => (9m,               0.5m,            3.00m,                  2m,               0m),
        _ => throw new ArgumentOutOfRangeException(nameof(crop), crop, null),
    };

    /// <summary>The terms of a delivery without a contract: the given price and the crop's house defaults, no quality table.</summary>
    public static GrainTerms Default(Crop crop, decimal pricePerTonne)
    {
        var d = Defaults(crop);
        return new GrainTerms(crop, pricePerTonne, d.BaseMoisture, d.HandlingLoss, d.DryingCost, d.BaseAdmixture, d.StorageFee, []);
    }
}
