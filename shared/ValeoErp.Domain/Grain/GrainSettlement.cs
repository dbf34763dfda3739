using System.Globalization;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Grain;

/// <summary>
/// One visible step of the settlement, in the order the farmer reads it. Weight lines carry WeightKg (negative for
/// deductions) and Amount 0; money lines carry Amount (negative for deductions). Quality lines carry the measured
/// value as Basis and the adjustment per tonne as Rate with Amount 0, because the price line applies them.
/// The code is a stable id (net-weight, moisture-shrink, handling-loss, admixture, settled-weight,
/// quality:&lt;parameter&gt;, price, drying, storage, net-amount); the label is German for the farmer.
/// </summary>
public sealed record SettlementLine(string Code, string Label, decimal? Basis, decimal? Rate, decimal? WeightKg, decimal Amount);

/// <summary>
/// A computed raw-goods settlement (Rohwarenabrechnung), net of VAT: the application applies the farmer's tax
/// treatment. PricePerTonne is the contract price plus the quality adjustments; GoodsAmount is settled t x that
/// price; NetAmount = GoodsAmount - DryingCost - StorageFee.
/// </summary>
public sealed record GrainSettlementResult(
    IReadOnlyList<SettlementLine> Lines,
    decimal NetWeightKg,
    decimal SettledWeightKg,
    decimal PricePerTonne,
    decimal GoodsAmount,
    decimal DryingCost,
    decimal StorageFee,
    decimal NetAmount);

/// <summary>
/// The settlement of one intake ticket (DOMAIN.md, Grain intake and settlement). Pure: the caller brings the
/// weighbridge weights, the sample and the terms. Every weight step is rounded to whole kg and the settled weight is
/// net minus the rounded deductions, so the printed lines add up exactly; lines that do not apply are left out.
/// </summary>
public static class GrainSettlement
{
    public const string DeductionsExceedWeight = "grain-deductions-exceed-weight";

    private static readonly NumberFormatInfo German = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static Result<GrainSettlementResult> Compute(decimal grossKg, decimal tareKg, GrainSample sample, GrainTerms terms)
    {
        var errors = Validate(grossKg, tareKg, sample, terms);
        if (errors.Any) return errors.ToError();

        var lines = new List<SettlementLine>();
        var net = grossKg - tareKg;
        var netTonnes = net / 1000m;
        lines.Add(new("net-weight", $"Nettogewicht (brutto {Kg(grossKg)} − tara {Kg(tareKg)})", null, null, net, 0m));

        // Shrink and handling loss only when the grain is dried down to the base moisture. The percentage is shown
        // to 2 decimals but the kg are computed from the unrounded value.
        var dried = sample.Moisture > terms.BaseMoisture;
        decimal shrink = 0m, handling = 0m, admixture = 0m;
        if (dried)
        {
            var shrinkPercent = (sample.Moisture - terms.BaseMoisture) / (100m - terms.BaseMoisture) * 100m;
            shrink = WholeKg(net * shrinkPercent / 100m);
            lines.Add(new("moisture-shrink", $"Trocknungsschwund {Num(sample.Moisture)} % → {Num(terms.BaseMoisture)} %",
                net, decimal.Round(shrinkPercent, 2, MidpointRounding.AwayFromZero), -shrink, 0m));
            if (terms.HandlingLossPercent > 0m)
            {
                handling = WholeKg(net * terms.HandlingLossPercent / 100m);
                lines.Add(new("handling-loss", $"Manipulationsverlust {Num(terms.HandlingLossPercent)} %", net, terms.HandlingLossPercent, -handling, 0m));
            }
        }

        // Admixture (Besatz) above the base is deducted as a share of the net weight.
        if (sample.Admixture > terms.BaseAdmixture)
        {
            var excess = sample.Admixture - terms.BaseAdmixture;
            admixture = WholeKg(net * excess / 100m);
            lines.Add(new("admixture", $"Besatzabzug über {Num(terms.BaseAdmixture)} % (Besatz {Num(sample.Admixture)} %: {Num(excess)} % vom Nettogewicht)",
                net, excess, -admixture, 0m));
        }

        var settled = net - shrink - handling - admixture;
        if (settled <= 0m)
            return new RuleBroken(DeductionsExceedWeight,
                $"The deductions ({shrink + handling + admixture} kg) leave nothing of the net weight of {net} kg to settle; check the sample and the terms.");
        lines.Add(new("settled-weight", "Abrechnungsgewicht", null, null, settled, 0m));

        var price = terms.PricePerTonne;
        foreach (var parameter in Enum.GetValues<QualityParameter>())
        {
            if (sample.ValueOf(parameter) is not { } value) continue;
            if (terms.Quality.FirstOrDefault(q => q.Parameter == parameter && q.Matches(value)) is not { } step) continue;
            price += step.AdjustmentPerTonne;
            lines.Add(new(QualityCode(parameter),
                $"{QualityLabel(parameter, value)}: {(step.AdjustmentPerTonne >= 0m ? "Zuschlag" : "Abschlag")} {Eur(Math.Abs(step.AdjustmentPerTonne))}/t",
                value, step.AdjustmentPerTonne, null, 0m));
        }

        var settledTonnes = settled / 1000m;
        var goods = Money.Round(settledTonnes * price);
        var priceLabel = price == terms.PricePerTonne
            ? $"Warenwert {Tonnes(settledTonnes)} × {Eur(price)}/t"
            : $"Warenwert {Tonnes(settledTonnes)} × {Eur(price)}/t (Grundpreis {Eur(terms.PricePerTonne)}/t, Qualität {Signed(price - terms.PricePerTonne)}/t)";
        lines.Add(new("price", priceLabel, settledTonnes, price, null, goods));

        // Drying is charged on the wet net weight as delivered: that is what went through the dryer.
        var drying = 0m;
        if (dried)
        {
            var points = sample.Moisture - terms.BaseMoisture;
            drying = Money.Round(netTonnes * points * terms.DryingCostPerTonneAndPoint);
            lines.Add(new("drying", $"Trocknungskosten {Tonnes(netTonnes)} × {Num(points)} Punkte × {Eur(terms.DryingCostPerTonneAndPoint)} je t und Punkt",
                netTonnes, points * terms.DryingCostPerTonneAndPoint, null, -drying));
        }

        var storage = Money.Round(netTonnes * terms.StorageFeePerTonne);
        if (storage != 0m)
            lines.Add(new("storage", $"Lagergeld {Tonnes(netTonnes)} × {Eur(terms.StorageFeePerTonne)}/t", netTonnes, terms.StorageFeePerTonne, null, -storage));

        var netAmount = goods - drying - storage;
        lines.Add(new("net-amount", "Gutschrift netto (zuzüglich Umsatzsteuer nach Ihrer Besteuerung)", null, null, null, netAmount));

        return new GrainSettlementResult(lines, net, settled, price, goods, drying, storage, netAmount);
    }

    /// <summary>Every impossible input named at once: weighbridge weights in whole kg, percentages below 100, no negative rates.</summary>
    private static FieldErrors Validate(decimal grossKg, decimal tareKg, GrainSample sample, GrainTerms terms)
    {
        var errors = new FieldErrors();
        errors.NonNegative("grossKg", grossKg, 0);
        errors.NonNegative("tareKg", tareKg, 0);
        if (grossKg <= tareKg) errors.Add("tareKg", "must be less than the gross weight.");
        Percent(errors, "sample.moisture", sample.Moisture);
        Percent(errors, "sample.admixture", sample.Admixture);
        if (sample.Protein is { } protein) Percent(errors, "sample.protein", protein);
        if (sample.HectolitreWeight <= 0m) errors.Add("sample.hectolitreWeight", "must be greater than zero.");
        errors.NonNegative("sample.fallingNumber", sample.FallingNumber, 28);
        errors.NonNegative("terms.pricePerTonne", terms.PricePerTonne, 28);
        Percent(errors, "terms.baseMoisture", terms.BaseMoisture);
        Percent(errors, "terms.handlingLossPercent", terms.HandlingLossPercent);
        errors.NonNegative("terms.dryingCostPerTonneAndPoint", terms.DryingCostPerTonneAndPoint, 28);
        Percent(errors, "terms.baseAdmixture", terms.BaseAdmixture);
        errors.NonNegative("terms.storageFeePerTonne", terms.StorageFeePerTonne, 28);
        for (var i = 0; i < terms.Quality.Count; i++)
            if (terms.Quality[i].To is { } to && to <= terms.Quality[i].From)
                errors.Add($"terms.quality[{i}].to", "must be greater than from.");
        return errors;
    }

    private static void Percent(FieldErrors errors, string field, decimal value)
    {
        if (value is < 0m or >= 100m) errors.Add(field, "must be at least 0 and below 100 (percent).");
    }

    /// <summary>The stable line code of a quality parameter, e.g. quality:hectolitre-weight.</summary>
    public static string QualityCode(QualityParameter parameter) => parameter switch
    {
        QualityParameter.Protein => "quality:protein",
        QualityParameter.HectolitreWeight => "quality:hectolitre-weight",
        QualityParameter.FallingNumber => "quality:falling-number",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
    };

    private static string QualityLabel(QualityParameter parameter, decimal value) => parameter switch
    {
        QualityParameter.Protein => $"Protein {Num(value)} %",
        QualityParameter.HectolitreWeight => $"Hektolitergewicht {Num(value)} kg/hl",
        QualityParameter.FallingNumber => $"Fallzahl {Num(value)} s",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
    };

    /// <summary>Weights are settled in whole kg, half away from zero like money.</summary>
    private static decimal WholeKg(decimal kg) => decimal.Round(kg, 0, MidpointRounding.AwayFromZero);

    private static string Num(decimal value) => value.ToString("#,##0.##", German);
    private static string Kg(decimal kg) => kg.ToString("#,##0.##", German) + " kg";
    private static string Tonnes(decimal t) => t.ToString("#,##0.000", German) + " t";
    private static string Eur(decimal amount) => amount.ToString("#,##0.00", German) + " EUR";
    private static string Signed(decimal amount) => (amount >= 0m ? "+" : "−") + Eur(Math.Abs(amount));
}
