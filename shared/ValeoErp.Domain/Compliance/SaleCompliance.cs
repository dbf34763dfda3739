using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Compliance;

public enum EvidenceType { PlantProtectionCertificate, PrecursorDeclaration, QsCertification, Other }

/// <summary>
/// A certificate or declaration kept on file for a customer (DOMAIN.md, Landhandel compliance): the expertise
/// certificate for plant protection (Sachkundenachweis), the explosive-precursor customer declaration (EU 2019/1148:
/// identity, trade, intended use), QS certification, or another document. Its validity is data, not code.
/// </summary>
public sealed record Evidence
{
    public required string Id { get; init; }
    public required string PartnerId { get; init; }
    public required EvidenceType Type { get; init; }
    public required string Number { get; init; }
    public required string Issuer { get; init; }
    public required LocalDate ValidFrom { get; init; }
    public LocalDate? ValidTo { get; init; }

    /// <summary>Precursor declaration: who declares (identity document), their trade and the intended use.</summary>
    public string? Holder { get; init; }
    public string? Trade { get; init; }
    public string? IntendedUse { get; init; }

    /// <summary>The scanned copy in the blob store, when one was handed in.</summary>
    public EvidenceScan? Scan { get; init; }
    public required string RecordedBy { get; init; }
    public required Instant RecordedAt { get; init; }

    /// <summary>Valid on the whole of its last day; refused from the day after.</summary>
    public bool IsValidOn(LocalDate date) => ValidFrom <= date && (ValidTo is not { } to || date <= to);
}

/// <summary>Where the scanned copy of a piece of evidence is kept, and its fingerprint.</summary>
public sealed record EvidenceScan(string Blob, string FileName, string ContentType, string Sha256, long Size);

/// <summary>Evidence shown at the counter and checked by the seller, recorded on the document instead of on file.</summary>
public sealed record ShownEvidence(EvidenceType Type, string Number, string Issuer, LocalDate ValidTo, string CheckedBy);

/// <summary>Why a restricted line could be sold: the evidence on file, or the evidence shown at the sale, and who checked it when.</summary>
public sealed record ComplianceCheck(string Rule, int LineNo, string ArticleNumber, string? EvidenceId, ShownEvidence? Shown, string CheckedBy, Instant CheckedAt);

/// <summary>A line as the gate sees it: what is sold and its article's compliance flags.</summary>
public sealed record RestrictedLine(int LineNo, string ArticleNumber, string Description, decimal Quantity, ComplianceFlags Flags);

/// <summary>The checks at the point of sale, for orders and (later) till sales. Pure: the caller loads the facts.</summary>
public static class SaleGate
{
    public const string PlantProtection = "plant-protection-certificate";
    public const string PrecursorPrivateBuyer = "precursor-private-buyer";
    public const string PrecursorDeclaration = "precursor-declaration";
    public const string QsFeed = "qs-feed-id";

    /// <summary>
    /// A buyer counts as private unless a business identity is on file: a VAT id, a tax number, or the §24 farmer
    /// treatment. Ammonium-nitrate fertiliser above 16 % N is never sold to a private buyer (EU 2019/1148).
    /// </summary>
    public static bool IsPrivateBuyer(Partner buyer) =>
        string.IsNullOrWhiteSpace(buyer.VatId) && string.IsNullOrWhiteSpace(buyer.TaxNumber) && buyer.TaxTreatment != TaxTreatment.FlatRateFarmer;

    /// <summary>Every restricted line checked in turn; the first rule a line breaks refuses the sale, naming what is missing.</summary>
    /// <param name="qsId">The seller's QS location number, printed on the delivery note; QS feed is not sold without it.</param>
    public static Result<IReadOnlyList<ComplianceCheck>> Check(IEnumerable<RestrictedLine> lines, Partner buyer, IReadOnlyList<Evidence> onFile,
        IReadOnlyList<ShownEvidence> shown, LocalDate saleDate, string checkedBy, Instant at, string? qsId = null)
    {
        var checks = new List<ComplianceCheck>();
        foreach (var line in lines)
        {
            if (line.Flags.PlantProtection)
            {
                if (Valid(onFile, EvidenceType.PlantProtectionCertificate, saleDate) is { } certificate)
                    checks.Add(new ComplianceCheck(PlantProtection, line.LineNo, line.ArticleNumber, certificate.Id, null, checkedBy, at));
                else if (shown.FirstOrDefault(s => s.Type == EvidenceType.PlantProtectionCertificate && s.ValidTo >= saleDate) is { } seen)
                    checks.Add(new ComplianceCheck(PlantProtection, line.LineNo, line.ArticleNumber, null, seen, seen.CheckedBy, at));
                else
                    return new RuleBroken(PlantProtection,
                        $"Line {line.LineNo} ({line.ArticleNumber} {line.Description}) is a plant-protection product for professional use: {buyer.Name} has no expertise " +
                        $"certificate (Sachkundenachweis) valid on {saleDate:yyyy-MM-dd} on file, and none was shown at the sale.");
            }
            if (line.Flags.AmmoniumNitrate)
            {
                if (IsPrivateBuyer(buyer))
                    return new RuleBroken(PrecursorPrivateBuyer,
                        $"Line {line.LineNo} ({line.ArticleNumber} {line.Description}) is ammonium-nitrate fertiliser above 16 % N: it is not sold to private buyers, " +
                        $"and {buyer.Name} has no VAT id, tax number or farmer status on file.");
                if (Valid(onFile, EvidenceType.PrecursorDeclaration, saleDate) is not { } declaration)
                    return new RuleBroken(PrecursorDeclaration,
                        $"Line {line.LineNo} ({line.ArticleNumber} {line.Description}) is an explosive precursor (EU 2019/1148): {buyer.Name} has no customer " +
                        $"declaration (identity, trade, intended use) valid on {saleDate:yyyy-MM-dd} on file.");
                else
                    checks.Add(new ComplianceCheck(PrecursorDeclaration, line.LineNo, line.ArticleNumber, declaration.Id, null, checkedBy, at));
            }
            if (line.Flags.QsFeed)
            {
                if (string.IsNullOrWhiteSpace(qsId))
                    return new RuleBroken(QsFeed,
                        $"Line {line.LineNo} ({line.ArticleNumber} {line.Description}) is QS feed: its delivery note must carry the QS id, and the company " +
                        "profile has no QS location number (qsId).");
                // The buyer's own QS certificate, when on file, is kept as well: the auditor sees both ends of the QS chain.
                checks.Add(new ComplianceCheck(QsFeed, line.LineNo, line.ArticleNumber, Valid(onFile, EvidenceType.QsCertification, saleDate)?.Id, null, checkedBy, at));
            }
        }
        return checks;
    }

    /// <summary>
    /// An unusual quantity for the customer (a suspicious transaction to record for the report the law asks for):
    /// more than three times their largest earlier purchase of the article, or above 10 t when they never bought it.
    /// </summary>
    public static bool IsUnusualQuantity(decimal quantity, decimal? largestEarlier) =>
        largestEarlier is { } largest && largest > 0m ? quantity > 3m * largest : quantity > 10m;

    private static Evidence? Valid(IReadOnlyList<Evidence> onFile, EvidenceType type, LocalDate date) =>
        onFile.Where(e => e.Type == type && e.IsValidOn(date)).OrderByDescending(e => e.ValidTo ?? LocalDate.MaxIsoValue).FirstOrDefault();
}
