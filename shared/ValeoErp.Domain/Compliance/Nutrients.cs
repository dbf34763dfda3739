using NodaTime;
using ValeoErp.Domain.Articles;

namespace ValeoErp.Domain.Compliance;

/// <summary>A fertiliser line of an issued delivery note, with the article's nutrient content in percent (null when not recorded).</summary>
public sealed record DeliveredFertiliser(string PartnerId, string DeliveryNote, LocalDate Date, int LineNo, string ArticleId, string ArticleNumber,
    string Description, ArticleUnit Unit, decimal Quantity, Nutrients? Content);

/// <summary>Mass and nutrients in kg: the product delivered (Menge kg) and the N, P2O5 and K2O in it.</summary>
public sealed record NutrientAmounts(decimal Kg, decimal N, decimal P2O5, decimal K2O)
{
    public static readonly NutrientAmounts Zero = new(0m, 0m, 0m, 0m);

    public NutrientAmounts Plus(NutrientAmounts other) => new(Kg + other.Kg, N + other.N, P2O5 + other.P2O5, K2O + other.K2O);
}

/// <summary>One article delivered to a farm in the year: its content, the amounts and the delivery notes they came on.</summary>
public sealed record ArticleNutrients(string ArticleId, string ArticleNumber, string Description, Nutrients Content, NutrientAmounts Amounts,
    IReadOnlyList<string> DeliveryNotes);

/// <summary>A farm's year: per article, and the farm total (the sum of the article rows, so the file adds up).</summary>
public sealed record FarmNutrients(string PartnerId, IReadOnlyList<ArticleNutrients> Articles, NutrientAmounts Total, IReadOnlyList<string> DeliveryNotes);

/// <summary>A line that could not be converted: a sack, litre or piece (the article carries no weight per unit), or no nutrient content on file.</summary>
public sealed record UnconvertedLine(DeliveredFertiliser Line, string Reason);

/// <summary>The delivered nutrients of a year, per farm, and what could not be converted.</summary>
public sealed record NutrientStatement(int Year, IReadOnlyList<FarmNutrients> Farms, IReadOnlyList<UnconvertedLine> NotConverted);

/// <summary>
/// Delivered nutrients for the farmer's fertiliser filing (Lower Saxony ENNI and similar, DOMAIN.md): quantity in kg
/// times the nutrient content in percent of the product's mass. Pure: the caller loads the delivery notes and articles.
/// </summary>
public static class DeliveredNutrients
{
    public const string NoWeightPerUnit = "Einheit ohne Gewicht: der Artikel führt kein Gewicht je Einheit (kg je Sack, Liter, Stück)";
    public const string NoContent = "Nährstoffgehalt am Artikel fehlt";

    /// <summary>The line's mass in kg: t x 1000, kg as is; null for units without a known weight (sack, l, piece).</summary>
    public static decimal? Kilograms(ArticleUnit unit, decimal quantity) => unit switch
    {
        ArticleUnit.T => quantity * 1000m,
        ArticleUnit.Kg => quantity,
        _ => null,
    };

    /// <summary>N, P2O5 and K2O in kg of a mass in kg, each rounded to 0.01 kg (commercial rounding).</summary>
    public static NutrientAmounts Of(decimal kg, Nutrients content) =>
        new(Round(kg), Round(kg * content.N / 100m), Round(kg * content.P2O5 / 100m), Round(kg * content.K2O / 100m));

    /// <summary>
    /// Per farm and article: the lines' kg summed first, then the nutrients of that sum (one rounding per article row);
    /// the farm total is the sum of its article rows. Articles by number; the caller orders the farms.
    /// </summary>
    public static NutrientStatement Sum(int year, IEnumerable<DeliveredFertiliser> lines)
    {
        var converted = new List<(DeliveredFertiliser Line, Nutrients Content, decimal Kg)>();
        var notConverted = new List<UnconvertedLine>();
        foreach (var line in lines.Where(l => l.Date.Year == year))
        {
            if (line.Content is not { } content) notConverted.Add(new UnconvertedLine(line, NoContent));
            else if (Kilograms(line.Unit, line.Quantity) is not { } kg) notConverted.Add(new UnconvertedLine(line, NoWeightPerUnit));
            else converted.Add((line, content, kg));
        }
        var farms = converted
            .GroupBy(c => c.Line.PartnerId, StringComparer.Ordinal)
            .Select(farm =>
            {
                var articles = farm
                    .GroupBy(c => c.Line.ArticleId, StringComparer.Ordinal)
                    .Select(a =>
                    {
                        var (first, content, _) = a.First();
                        return new ArticleNutrients(first.ArticleId, first.ArticleNumber, first.Description, content,
                            Of(a.Sum(c => c.Kg), content), Notes(a.Select(c => c.Line)));
                    })
                    .OrderBy(a => a.ArticleNumber, StringComparer.Ordinal)
                    .ToList();
                var total = articles.Aggregate(NutrientAmounts.Zero, (sum, a) => sum.Plus(a.Amounts));
                return new FarmNutrients(farm.Key, articles, total, Notes(farm.Select(c => c.Line)));
            })
            .ToList();
        return new NutrientStatement(year, farms,
            [.. notConverted.OrderBy(u => u.Line.Date).ThenBy(u => u.Line.DeliveryNote, StringComparer.Ordinal).ThenBy(u => u.Line.LineNo)]);
    }

    private static IReadOnlyList<string> Notes(IEnumerable<DeliveredFertiliser> lines) =>
        [.. lines.OrderBy(l => l.Date).Select(l => l.DeliveryNote).Distinct(StringComparer.Ordinal)];

    private static decimal Round(decimal kg) => Math.Round(kg, 2, MidpointRounding.AwayFromZero);
}
