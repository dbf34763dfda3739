using NodaTime;

namespace ValeoErp.Domain.Grain;

/// <summary>
/// A purchase contract with a farmer for a crop: price, quantity and the quality base with its premium/discount
/// table. Fields left empty take the crop's house defaults (<see cref="GrainTerms.Default"/>).
/// </summary>
public sealed record GrainContract
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string FarmerId { get; init; }
    public required string FarmerName { get; init; }
    public required Crop Crop { get; init; }
    public required string ArticleId { get; init; }
    public required decimal PricePerTonne { get; init; }
    public required decimal QuantityTonnes { get; init; }
    public required LocalDate ContractDate { get; init; }
    public decimal? BaseMoisture { get; init; }
    public decimal? BaseAdmixture { get; init; }
    public decimal? HandlingLossPercent { get; init; }
    public decimal? DryingCostPerTonneAndPoint { get; init; }
    public decimal? StorageFeePerTonne { get; init; }
    public IReadOnlyList<QualityStep> Quality { get; init; } = [];
    public required string CreatedBy { get; init; }
    public required Instant CreatedAt { get; init; }

    public GrainTerms Terms()
    {
        var d = GrainTerms.Default(Crop, PricePerTonne);
        return d with
        {
            BaseMoisture = BaseMoisture ?? d.BaseMoisture, BaseAdmixture = BaseAdmixture ?? d.BaseAdmixture,
            HandlingLossPercent = HandlingLossPercent ?? d.HandlingLossPercent,
            DryingCostPerTonneAndPoint = DryingCostPerTonneAndPoint ?? d.DryingCostPerTonneAndPoint,
            StorageFeePerTonne = StorageFeePerTonne ?? d.StorageFeePerTonne, Quality = Quality,
        };
    }
}

/// <summary>
/// A weighbridge ticket (Wiegeschein) of grain delivered by a farmer: gross, tare and net weight and the sample.
/// Settled once, by a self-billed credit note (Gutschrift) whose id and computed lines it keeps.
/// </summary>
public sealed record GrainIntake
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string FarmerId { get; init; }
    public required string FarmerName { get; init; }
    public required Crop Crop { get; init; }
    public required string ArticleId { get; init; }
    public string? ContractId { get; init; }
    public required LocalDate Date { get; init; }
    public required decimal GrossKg { get; init; }
    public required decimal TareKg { get; init; }
    public decimal NetKg => GrossKg - TareKg;
    public required GrainSample Sample { get; init; }
    public string? VehiclePlate { get; init; }
    public string? SettlementId { get; init; }
    public GrainSettlementResult? Settlement { get; init; }
    public required string CreatedBy { get; init; }
    public required Instant CreatedAt { get; init; }
    public int Year => Date.Year;
}
