using System.Globalization;
using NodaTime;

namespace ValeoErp.Documents;

/// <summary>
/// German number and date formats. The product runs with InvariantGlobalization, where "de-DE" cannot be
/// created, so the de-DE number rules are spelled out here: 1.234,56 € and 01.12.2026, the same on every host.
/// </summary>
internal static class Formats
{
    public static readonly NumberFormatInfo German = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    public static string Money(decimal amount) => amount.ToString("#,##0.00", German) + " €";

    public static string Price(decimal amount) =>
        decimal.Round(amount, 2) == amount ? Money(amount) : amount.ToString("#,##0.00##", German) + " €";

    public static string Quantity(decimal quantity) => quantity.ToString("#,##0.###", German);

    public static string Rate(decimal rate) => rate.ToString("0.##", German) + " %";

    public static string Date(LocalDate date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Period(PrintDeliveryPeriod period) =>
        period.From == period.To ? Date(period.From) : $"{Date(period.From)} – {Date(period.To)}";

    public static string Title(PrintDocument doc) => doc.Kind switch
    {
        PrintKind.Quote => "Angebot",
        PrintKind.OrderConfirmation => "Auftragsbestätigung",
        PrintKind.DeliveryNote => "Lieferschein",
        PrintKind.Invoice => "Rechnung",
        PrintKind.CreditNote => doc.SelfBilled ? "Gutschrift" : "Rechnungskorrektur",
        _ => throw new ArgumentOutOfRangeException(nameof(doc), doc.Kind, "unknown document kind"),
    };

    public static string NumberLabel(PrintDocument doc) => doc.Kind switch
    {
        PrintKind.Quote => "Angebots-Nr.",
        PrintKind.OrderConfirmation => "Auftrags-Nr.",
        PrintKind.DeliveryNote => "Lieferschein-Nr.",
        PrintKind.Invoice => "Rechnungs-Nr.",
        _ => doc.SelfBilled ? "Gutschrift-Nr." : "Korrektur-Nr.",
    };

    public static string Note(PrintNote note) => note switch
    {
        PrintNote.ReverseCharge => "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG, Art. 196 MwStSystRL).",
        PrintNote.IntraEuSupply => "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1 Buchst. b, § 6a UStG).",
        PrintNote.Export => "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1 Buchst. a, § 6 UStG).",
        PrintNote.FlatRateFarmer => "Durchschnittssatzbesteuerung nach § 24 UStG.",
        PrintNote.SelfBilling => "Gutschrift im Sinne des § 14 Abs. 2 Satz 2 UStG (Abrechnung durch den Leistungsempfänger).",
        _ => throw new ArgumentOutOfRangeException(nameof(note), note, "unknown note"),
    };

    /// <summary>Prices are printed on everything but the delivery note.</summary>
    public static bool HasPrices(PrintDocument doc) => doc.Kind != PrintKind.DeliveryNote;
}
