using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace ValeoErp.Application.EInvoicing;

/// <summary>Value formatting shared by both writers (invariant culture, EN 16931 data types).</summary>
internal static class XmlFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Amount(decimal value) => value.ToString("0.00", Inv);
    public static string Price(decimal value) => value.ToString("0.00##", Inv);
    public static string Quantity(decimal value) => value.ToString("0.####", Inv);
    public static string Percent(decimal value) => value.ToString("0.##", Inv);
    public static string IsoDate(LocalDate date) => LocalDatePattern.Iso.Format(date);
    public static string Date102(LocalDate date) => date.ToString("yyyyMMdd", Inv);

    /// <summary>BT-20 payment terms: the free text first, then one XRechnung Skonto line per term
    /// (<c>#SKONTO#TAGE=14#PROZENT=2.00#</c>, optional <c>BASISBETRAG=123.45#</c>), each ended by a line feed (BR-DE-18).</summary>
    public static string? PaymentTerms(Payment payment)
    {
        var skonto = payment.Skonto ?? [];
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(payment.TermsText))
            sb.Append(payment.TermsText.Trim()).Append(skonto.Count > 0 ? "\n" : "");
        foreach (var term in skonto) sb.Append(SkontoLine(term)).Append('\n');
        return sb.Length == 0 ? null : sb.ToString();
    }

    public static string SkontoLine(SkontoTerm term)
    {
        if (term.Days < 0 || term.Percent < 0) throw new ArgumentOutOfRangeException(nameof(term), "Skonto days and percent must not be negative");
        if (term.Percent != decimal.Round(term.Percent, 2) || term.BaseAmount is { } ba && ba != decimal.Round(ba, 2))
            throw new ArgumentOutOfRangeException(nameof(term), "Skonto percent and base amount take two decimals (BR-DE-18)");
        var line = $"#SKONTO#TAGE={term.Days.ToString(Inv)}#PROZENT={term.Percent.ToString("0.00", Inv)}#";
        return term.BaseAmount is { } b ? line + $"BASISBETRAG={b.ToString("0.00", Inv)}#" : line;
    }
}
