using ValeoErp.Domain.Common;
using ValeoErp.Domain.Grain;

namespace ValeoErp.Tests.Domain;

/// <summary>
/// The raw-goods settlement (Rohwarenabrechnung). The worked examples recompute every line here from the formulas
/// of DOMAIN.md with plain decimal arithmetic, and also pin the figures by hand, so a wrong formula in the
/// production code cannot agree with itself.
/// </summary>
public sealed class GrainSettlementTests
{
    private static decimal Half(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static readonly QualityStep[] WheatTable =
    [
        new(QualityParameter.Protein, 13m, null, 8.00m),
        new(QualityParameter.Protein, 0m, 12m, -5.00m),
        new(QualityParameter.HectolitreWeight, 0m, 76m, -4.00m),
        new(QualityParameter.FallingNumber, 0m, 220m, -10.00m),
    ];

    private static GrainTerms WheatTerms() => GrainTerms.Default(Crop.Wheat, 218.00m) with { StorageFeePerTonne = 1.50m, Quality = WheatTable };

    private static GrainSettlementResult Settle(decimal gross, decimal tare, GrainSample sample, GrainTerms terms)
    {
        var result = GrainSettlement.Compute(gross, tare, sample, terms);
        result.IsSuccess.Should().BeTrue(result.Error?.ToString());
        return result.Value;
    }

    private static SettlementLine Line(GrainSettlementResult r, string code) => r.Lines.Single(l => l.Code == code);

    [Fact]
    public void WorkedExample_WetWheatWithAdmixtureAndProteinPremium_EveryLineAsByTheFormulas()
    {
        var r = Settle(28_460m, 13_220m, new GrainSample(16.8m, 3.1m, 77.5m, 13.2m, 290m), WheatTerms());

        // Independently from the formulas.
        var net = 28_460m - 13_220m;
        var shrinkPercent = (16.8m - 14.5m) / (100m - 14.5m) * 100m;
        var shrink = Half(net * shrinkPercent / 100m, 0);
        var handling = Half(net * 0.5m / 100m, 0);
        var admixture = Half(net * (3.1m - 2m) / 100m, 0);
        var settled = net - shrink - handling - admixture;
        var price = 218.00m + 8.00m;                         // protein 13.2 >= 13; hl 77.5 and FN 290 unremarkable
        var goods = Half(settled / 1000m * price, 2);
        var drying = Half(net / 1000m * (16.8m - 14.5m) * 2.50m, 2);
        var storage = Half(net / 1000m * 1.50m, 2);
        var netAmount = goods - drying - storage;

        // The same figures by hand.
        (net, shrink, handling, admixture, settled).Should().Be((15_240m, 410m, 76m, 168m, 14_586m));
        (price, goods, drying, storage, netAmount).Should().Be((226.00m, 3296.44m, 87.63m, 22.86m, 3185.95m));

        r.Lines.Select(l => l.Code).Should().Equal("net-weight", "moisture-shrink", "handling-loss", "admixture", "settled-weight",
            "quality:protein", "price", "drying", "storage", "net-amount");
        Line(r, "net-weight").WeightKg.Should().Be(net);
        Line(r, "moisture-shrink").Should().BeEquivalentTo(new { WeightKg = -shrink, Rate = 2.69m, Basis = net, Amount = 0m });
        Line(r, "moisture-shrink").Label.Should().Be("Trocknungsschwund 16,8 % → 14,5 %");
        Line(r, "handling-loss").Should().BeEquivalentTo(new { WeightKg = -handling, Rate = 0.5m, Amount = 0m });
        Line(r, "admixture").Should().BeEquivalentTo(new { WeightKg = -admixture, Rate = 1.1m, Amount = 0m });
        Line(r, "admixture").Label.Should().StartWith("Besatzabzug über 2 %");
        Line(r, "settled-weight").WeightKg.Should().Be(settled);
        Line(r, "quality:protein").Should().BeEquivalentTo(new { Basis = 13.2m, Rate = 8.00m, Amount = 0m });
        Line(r, "price").Should().BeEquivalentTo(new { Basis = 14.586m, Rate = price, Amount = goods });
        Line(r, "drying").Should().BeEquivalentTo(new { Basis = 15.24m, Rate = 5.75m, Amount = -drying });
        Line(r, "storage").Should().BeEquivalentTo(new { Basis = 15.24m, Rate = 1.50m, Amount = -storage });
        Line(r, "net-amount").Amount.Should().Be(netAmount);
        r.Should().BeEquivalentTo(new { NetWeightKg = net, SettledWeightKg = settled, PricePerTonne = price, GoodsAmount = goods,
            DryingCost = drying, StorageFee = storage, NetAmount = netAmount });
    }

    [Fact]
    public void WorkedExample_DampBarleyBelowAdmixtureBaseWithLightHectolitre_EveryLineAsByTheFormulas()
    {
        var terms = GrainTerms.Default(Crop.Barley, 190.00m) with { Quality = [new(QualityParameter.HectolitreWeight, 0m, 64m, -3.00m)] };
        var r = Settle(26_180m, 12_940m, new GrainSample(15.9m, 1.6m, 63.0m, null, null), terms);

        var net = 26_180m - 12_940m;
        var shrinkPercent = (15.9m - 15m) / (100m - 15m) * 100m;
        var shrink = Half(net * shrinkPercent / 100m, 0);
        var handling = Half(net * 0.5m / 100m, 0);
        var settled = net - shrink - handling;               // admixture 1.6 % is below the 2 % base: no deduction
        var price = 190.00m - 3.00m;                         // hectolitre 63.0 < 64
        var goods = Half(settled / 1000m * price, 2);
        var drying = Half(net / 1000m * (15.9m - 15m) * 2.50m, 2);
        var netAmount = goods - drying;

        (net, shrink, handling, settled).Should().Be((13_240m, 140m, 66m, 13_034m));
        (price, goods, drying, netAmount).Should().Be((187.00m, 2437.36m, 29.79m, 2407.57m));

        r.Lines.Select(l => l.Code).Should().Equal("net-weight", "moisture-shrink", "handling-loss", "settled-weight",
            "quality:hectolitre-weight", "price", "drying", "net-amount");
        Line(r, "moisture-shrink").Should().BeEquivalentTo(new { WeightKg = -shrink, Rate = 1.06m });
        Line(r, "moisture-shrink").Label.Should().Be("Trocknungsschwund 15,9 % → 15 %");
        Line(r, "handling-loss").WeightKg.Should().Be(-handling);
        Line(r, "settled-weight").WeightKg.Should().Be(settled);
        Line(r, "quality:hectolitre-weight").Should().BeEquivalentTo(new { Basis = 63.0m, Rate = -3.00m, Amount = 0m });
        Line(r, "price").Should().BeEquivalentTo(new { Basis = 13.034m, Rate = price, Amount = goods });
        Line(r, "drying").Amount.Should().Be(-drying);
        Line(r, "net-amount").Amount.Should().Be(netAmount);
        r.Should().BeEquivalentTo(new { NetWeightKg = net, SettledWeightKg = settled, PricePerTonne = price, GoodsAmount = goods,
            DryingCost = drying, StorageFee = 0m, NetAmount = netAmount });
    }

    [Theory]
    [InlineData(14.5)]
    [InlineData(13.9)]
    public void DryGrain_HasNoShrinkNoHandlingLossAndNoDryingCost(double moisture)
    {
        var r = Settle(25_000m, 12_000m, new GrainSample((decimal)moisture, 1.0m, null, null, null), GrainTerms.Default(Crop.Wheat, 200m));

        r.Lines.Select(l => l.Code).Should().Equal("net-weight", "settled-weight", "price", "net-amount");
        (r.NetWeightKg, r.SettledWeightKg, r.DryingCost, r.GoodsAmount, r.NetAmount).Should().Be((13_000m, 13_000m, 0m, 2600.00m, 2600.00m));
    }

    [Theory]
    [InlineData(28_460, 13_220, 16.8, 3.1)]
    [InlineData(26_180, 12_940, 15.9, 1.6)]
    [InlineData(14_999, 1, 19.37, 4.55)]
    [InlineData(31_015, 12_000, 22.2, 7.75)]
    public void Lines_AddUp(int gross, int tare, double moisture, double admixture)
    {
        var r = Settle(gross, tare, new GrainSample((decimal)moisture, (decimal)admixture, 70m, 11.5m, 200m), WheatTerms());

        var weights = r.Lines.Where(l => l.Code != "settled-weight" && l.WeightKg is not null).Sum(l => l.WeightKg!.Value);
        weights.Should().Be(r.SettledWeightKg);
        r.Lines.Where(l => l.WeightKg is not null).Should().OnlyContain(l => l.WeightKg == decimal.Truncate(l.WeightKg!.Value) && l.Amount == 0m);
        var money = r.Lines.Where(l => l.Code is "price" or "drying" or "storage").Sum(l => l.Amount);
        money.Should().Be(r.NetAmount);
        (r.GoodsAmount - r.DryingCost - r.StorageFee).Should().Be(r.NetAmount);
        Line(r, "net-amount").Amount.Should().Be(r.NetAmount);
    }

    [Fact]
    public void ShrinkPercent_IsShownRoundedButComputedUnrounded()
    {
        // 16.8 -> 14.5 is 2.690058.. %: shown as 2.69, but on 1,000,000 kg net the kg come from the full value.
        var r = Settle(112_000m, 12_000m, new GrainSample(16.8m, 0m, null, null, null), GrainTerms.Default(Crop.Wheat, 200m));

        Line(r, "moisture-shrink").Rate.Should().Be(2.69m);
        Line(r, "moisture-shrink").WeightKg.Should().Be(-Half(100_000m * (2.3m / 85.5m), 0)).And.Be(-2_690m);
        var many = Settle(1_012_000m, 12_000m, new GrainSample(16.8m, 0m, null, null, null), GrainTerms.Default(Crop.Wheat, 200m));
        Line(many, "moisture-shrink").WeightKg.Should().Be(-26_901m); // 26,900.58 kg; from the rounded 2.69 % it would be 26,900
    }

    [Fact]
    public void QualityTable_FirstMatchingRowPerParameterApplies_AndMissingValuesAreNotPriced()
    {
        QualityStep[] table =
        [
            new(QualityParameter.Protein, 12m, null, 3m),
            new(QualityParameter.Protein, 13m, null, 8m),     // shadowed by the first row
            new(QualityParameter.FallingNumber, 0m, 220m, -10m),
        ];
        var terms = GrainTerms.Default(Crop.Wheat, 200m) with { Quality = table };

        var r = Settle(20_000m, 10_000m, new GrainSample(14m, 1m, null, 13.5m, null), terms);

        r.PricePerTonne.Should().Be(203m);
        r.Lines.Where(l => l.Code.StartsWith("quality:")).Select(l => l.Code).Should().Equal("quality:protein");
    }

    [Theory]
    [InlineData(11.99, -5)]
    [InlineData(12.0, 0)]
    [InlineData(12.99, 0)]
    [InlineData(13.0, 8)]
    public void QualityStep_IncludesFromAndExcludesTo(double protein, int adjustment)
    {
        var r = Settle(20_000m, 10_000m, new GrainSample(14m, 1m, null, (decimal)protein, null), WheatTerms());
        r.PricePerTonne.Should().Be(218m + adjustment);
    }

    [Fact]
    public void Default_GivesTheHouseDefaultsPerCrop()
    {
        GrainTerms.Default(Crop.Wheat, 218m).Should().BeEquivalentTo(new { BaseMoisture = 14.5m, HandlingLossPercent = 0.5m,
            DryingCostPerTonneAndPoint = 2.50m, BaseAdmixture = 2m, StorageFeePerTonne = 0m, PricePerTonne = 218m });
        GrainTerms.Default(Crop.Barley, 1m).BaseMoisture.Should().Be(15m);
        GrainTerms.Default(Crop.Rye, 1m).BaseMoisture.Should().Be(14.5m);
        (GrainTerms.Default(Crop.Rapeseed, 1m).BaseMoisture, GrainTerms.Default(Crop.Rapeseed, 1m).DryingCostPerTonneAndPoint).Should().Be((9m, 3.00m));
        (GrainTerms.Default(Crop.Maize, 1m).BaseMoisture, GrainTerms.Default(Crop.Maize, 1m).DryingCostPerTonneAndPoint).Should().Be((15m, 3.50m));
        Enum.GetValues<Crop>().Should().OnlyContain(c => GrainTerms.Default(c, 1m).Quality.Count == 0 && GrainTerms.Default(c, 1m).BaseAdmixture == 2m);
    }

    [Theory]
    [InlineData(13_220, 13_220, 16.8, "tareKg")]
    [InlineData(13_000, 14_000, 16.8, "tareKg")]
    [InlineData(28_460, 13_220, 100, "sample.moisture")]
    [InlineData(28_460, -5, 16.8, "tareKg")]
    [InlineData(28_460.5, 13_220, 16.8, "grossKg")]
    public void BadInput_IsRejectedNamingTheField(double gross, double tare, double moisture, string field)
    {
        var result = GrainSettlement.Compute((decimal)gross, (decimal)tare, new GrainSample((decimal)moisture, 1m, null, null, null), WheatTerms());

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().BeOfType<ValidationFailed>().Which.Fields.Select(f => f.Field).Should().Contain(field);
    }

    [Fact]
    public void BadTerms_AreAllNamedAtOnce()
    {
        var terms = WheatTerms() with { PricePerTonne = -1m, BaseMoisture = 100m, Quality = [new(QualityParameter.Protein, 13m, 12m, 1m)] };
        var result = GrainSettlement.Compute(20_000m, 10_000m, new GrainSample(16m, -1m, -70m, null, null), terms);

        result.Error.Should().BeOfType<ValidationFailed>().Which.Fields.Select(f => f.Field).Should().BeEquivalentTo(
            "sample.admixture", "sample.hectolitreWeight", "terms.pricePerTonne", "terms.baseMoisture", "terms.quality[0].to");
    }

    [Fact]
    public void DeductionsBeyondTheNetWeight_BreakARule()
    {
        var result = GrainSettlement.Compute(20_000m, 10_000m, new GrainSample(99m, 60m, null, null, null), WheatTerms());
        result.Error.Should().BeOfType<RuleBroken>().Which.Rule.Should().Be(GrainSettlement.DeductionsExceedWeight);
    }
}
