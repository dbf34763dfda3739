using NodaTime;

namespace ValeoErp.Domain.Documents;

/// <summary>
/// A file of an issued document as it was archived at posting (GoBD: unchangeable, kept until RetainUntil):
/// the PDF, or the e-invoice XML. Every later download returns exactly these bytes, checked against Sha256.
/// </summary>
public sealed record ArchivedFile(string Kind, string Blob, string ContentType, string Sha256, LocalDate RetainUntil)
{
    public const string Pdf = "pdf", XRechnungUbl = "xrechnung-ubl", XRechnungCii = "xrechnung-cii";

    /// <summary>Invoices and credit notes are kept 8 years (§ 147 (3) AO, § 14b UStG) from the end of their year.</summary>
    public static LocalDate RetentionFor(LocalDate issued) => new LocalDate(issued.Year, 12, 31).PlusYears(8);
}
