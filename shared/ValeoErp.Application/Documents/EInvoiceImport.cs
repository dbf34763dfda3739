using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.EInvoicing;
using ValeoErp.Application.EInvoicing.Reading;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Documents;

/// <summary>The files embedded in a PDF (ZUGFeRD/Factur-X carries its invoice as factur-x.xml); read at the edge.</summary>
public interface IPdfAttachments
{
    /// <summary>Name and bytes of every embedded file; empty when the PDF has none; throws <see cref="FormatException"/>
    /// when the bytes are not a readable PDF.</summary>
    IReadOnlyList<(string Name, byte[] Content)> Read(byte[] pdf);
}

/// <summary>An inbound e-invoice that cannot become a purchase invoice (422): what was wrong, rule by rule.</summary>
public sealed record EInvoiceRejected(string Reason, string Summary, IReadOnlyList<RuleViolation> Rules)
    : Error(Reason, Summary + (Rules.Count == 0 ? "" : ": " + string.Join("; ", Rules.Select(r => $"{r.Rule} {r.Message}"))));

/// <summary>
/// POST /api/v1/purchase-invoices/import: a supplier's XRechnung (UBL or CII) or ZUGFeRD/Factur-X PDF becomes a
/// purchase-invoice draft. It is judged by the same EN 16931 / XRechnung rules as our own invoices, the supplier is
/// found by VAT id, then IBAN, then name, the lines are taken as invoiced (net per line as stated; document-level
/// allowances and charges as lines of their own) and the draft's totals, recomputed the way our books compute them,
/// must equal the invoice's. The original bytes go write-once into the archive and the draft links to them.
/// Whatever is wrong is answered 422 with the reasons, and nothing is written; the same supplier invoice number
/// cannot be imported twice (409).
/// </summary>
public sealed class EInvoiceImport(Ledger ledger, IBlobStore blobs, IPdfAttachments pdfs)
{
    public const string RecordType = "einvoice-import";
    public const string OriginalKind = "einvoice-original";

    /// <summary>The names ZUGFeRD 2.x / Factur-X and XRechnung-in-PDF give the embedded invoice.</summary>
    private static readonly string[] EmbeddedNames = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

    private sealed record ImportMarker(string DocumentId, string SupplierId, string Number, string Sha256);

    public Task<Result<DocumentOutcome>> Import(byte[] body, bool isPdf, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            if (body.Length == 0) return Rejected("einvoice-empty", "The body is empty: send the invoice XML or the ZUGFeRD PDF.");
            var xml = body;
            if (isPdf)
            {
                var extracted = Embedded(body);
                if (!extracted.IsSuccess) return extracted.Error!;
                xml = extracted.Value;
            }
            var report = EInvoiceValidator.Validate(xml);
            if (!report.IsValid || report.Facts is not { } facts)
                return new EInvoiceRejected("einvoice-invalid", "The e-invoice breaks EN 16931 / XRechnung rules",
                    report.Errors.Select(e => new RuleViolation(e.Rule, e.Message)).ToList());
            if (facts.Currency != "EUR")
                return Rejected("einvoice-currency", $"Invoices in {facts.Currency} cannot be booked: the books are kept in EUR.");

            var suppliers = await ledger.All<Partner>(Scope.Master, PartnerResource.Suppliers.RecordType, ct, PartnerResource.Suppliers.Label);
            var supplier = Match(facts, suppliers.Where(s => s.Has(PartnerRole.Supplier)).ToList());
            if (supplier is null)
                return Rejected("supplier-unmatched",
                    $"No supplier matches the seller '{facts.Seller.Name}' (VAT id {facts.Seller.VatId ?? "-"}, IBAN {facts.PaymentMeans.FirstOrDefault()?.Iban ?? "-"}): create the supplier first.");

            var issued = LocalDatePattern.Iso.Parse(facts.IssueDate!);
            if (!issued.Success) return Rejected("einvoice-invalid", $"The issue date '{facts.IssueDate}' is not a date.");
            var delivered = facts.DeliveryDate is { } d && LocalDatePattern.Iso.Parse(d) is { Success: true } parsed ? parsed.Value : issued.Value;
            var lines = Lines(facts);
            var id = DocumentStore.NewId(issued.Value.Year);
            var draft = TradeDocument.Draft(id, DocumentKind.PurchaseInvoice, supplier, issued.Value, delivered, lines, ledger.UserId, ledger.Now)
                with { ExternalReference = facts.Number };
            (draft, var mismatch) = AsInvoiced(draft, facts);
            if (mismatch.Count > 0) return new EInvoiceRejected("totals-mismatch", "The invoice's totals do not recompute", mismatch);

            // One marker per supplier and invoice number, in the draft's year, written in the same commit as the draft:
            // a second import of the same invoice is refused, and a crash leaves neither or both.
            var marker = MarkerId(supplier.Id, facts.Number!);
            var scope = Scope.Year(draft.Year);
            if (await ledger.Find<ImportMarker>(scope, RecordType, marker, ct) is { } earlier)
                return new RuleBroken("einvoice-duplicate",
                    $"Invoice {facts.Number} of {supplier.Name} was imported before as purchase invoice {earlier.Value.DocumentId}.");

            var sha = Convert.ToHexStringLower(SHA256.HashData(body));
            draft = draft with { Archive = [await Archive(draft, body, isPdf, sha, ct)] };
            var changes = new ChangeSet();
            Ledger.Create(changes, RecordType, marker, new ImportMarker(draft.Id, supplier.Id, facts.Number!, sha), RecordIndex.For(marker));
            DocumentStore.Stage(ledger, changes, draft, null, "imported");
            var outcome = new DocumentOutcome(draft, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(draft), outcome.ETag, DocumentStore.View(draft));
            if (await ledger.Commit(scope, changes, ct) is { } error) return error;
            return outcome;
        });

    private static EInvoiceRejected Rejected(string reason, string message) => new(reason, message, []);

    /// <summary>Marker ids are bounded and free of characters a store might refuse: the number is hashed.</summary>
    private static string MarkerId(string supplierId, string number) =>
        $"{supplierId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(number.Trim().ToUpperInvariant())))[..32]}";

    private Result<byte[]> Embedded(byte[] pdf)
    {
        IReadOnlyList<(string Name, byte[] Content)> files;
        try
        {
            files = pdfs.Read(pdf);
        }
        catch (FormatException e)
        {
            return Rejected("einvoice-unreadable", $"The PDF cannot be read: {e.Message}");
        }
        foreach (var name in EmbeddedNames)
            if (files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { Content: { } content })
                return content;
        return Rejected("einvoice-not-embedded",
            $"The PDF carries no invoice XML (looked for {string.Join(", ", EmbeddedNames)}; found {(files.Count == 0 ? "no attachment" : string.Join(", ", files.Select(f => f.Name)))}).");
    }

    /// <summary>VAT id first (unambiguous), then the IBAN the supplier is paid to, then the exact legal name.</summary>
    public static Partner? Match(InvoiceFacts facts, IReadOnlyList<Partner> suppliers)
    {
        static string Key(string? s) => new((s ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        var vat = Key(facts.Seller.VatId);
        if (vat.Length > 0 && suppliers.Where(s => Key(s.VatId) == vat).ToList() is [var byVat]) return byVat;
        var ibans = facts.PaymentMeans.Select(m => Key(m.Iban)).Where(i => i.Length > 0).ToHashSet();
        if (ibans.Count > 0 && suppliers.Where(s => s.BankAccount is { } b && ibans.Contains(Key(b.Iban))).ToList() is [var byIban]) return byIban;
        var name = Key(facts.Seller.Name);
        return name.Length > 0 && suppliers.Where(s => Key(s.Name) == name).ToList() is [var byName] ? byName : null;
    }

    private static List<DocumentLine> Lines(InvoiceFacts facts)
    {
        var lines = facts.Lines.Select((l, i) =>
        {
            var (code, rate) = Rate(l.Vat);
            var basis = l.BaseQuantity is > 0 ? l.BaseQuantity.Value : 1m;
            return new DocumentLine(i + 1, "", l.SellerItemId ?? "", l.Name ?? "", Unit(l.UnitCode), l.Quantity ?? 0m,
                (l.NetPrice ?? 0m) / basis, code, rate, l.NetAmount ?? 0m);
        }).ToList();
        foreach (var a in facts.AllowancesCharges)
        {
            var (code, rate) = Rate(a.Vat);
            var amount = a.Amount ?? 0m;
            var text = (a.IsCharge ? "Zuschlag" : "Nachlass") + (a.Reason is { Length: > 0 } reason ? ": " + reason : "");
            lines.Add(new DocumentLine(lines.Count + 1, "", "", text, ArticleUnit.Piece, 1m, a.IsCharge ? amount : -amount, code, rate,
                a.IsCharge ? amount : -amount));
        }
        return lines;
    }

    /// <summary>Our rate codes: 19 % and 7 % by their code, any other positive rate (e.g. a §24 average rate) as
    /// the flat-rate code; every zero-rated category (Z, E, AE, K, G, O) as zero.</summary>
    private static (VatRateCode Code, decimal Rate) Rate(VatFacts vat) => (vat.Percent ?? 0m) switch
    {
        0m => (VatRateCode.Zero, 0m),
        19m => (VatRateCode.Standard, 19m),
        7m => (VatRateCode.Reduced, 7m),
        var other => (VatRateCode.FlatRateFarmer, other),
    };

    private static ArticleUnit Unit(string? code) => code switch
    {
        "TNE" => ArticleUnit.T,
        "KGM" => ArticleUnit.Kg,
        "LTR" => ArticleUnit.L,
        "XBG" or "BG" => ArticleUnit.Sack,
        _ => ArticleUnit.Piece,
    };

    /// <summary>
    /// The totals must recompute from the lines: per rate the net exactly (BT-116), the tax within the tolerance
    /// EN 16931 grants a supplier's rounding (BR-S-09: under one euro), and the document totals BT-109/110/112 exactly.
    /// The draft then carries the tax as invoiced: that is the input tax the invoice entitles to (§15 UStG).
    /// </summary>
    private static (TradeDocument Draft, List<RuleViolation> Problems) AsInvoiced(TradeDocument draft, InvoiceFacts facts)
    {
        var problems = new List<RuleViolation>();
        var stated = facts.Breakdown.Select(b => (Key: Rate(b.Vat), Net: b.TaxableAmount ?? 0m, Tax: b.TaxAmount ?? 0m)).ToList();
        var breakdown = new List<TaxLine>();
        foreach (var ours in draft.TaxBreakdown)
        {
            var matching = stated.Where(s => s.Key == (ours.Code, ours.Rate)).ToList();
            var net = matching.Sum(s => s.Net);
            var tax = matching.Sum(s => s.Tax);
            if (net != ours.Net)
                problems.Add(new RuleViolation("BT-116", $"{ours.Rate:0.##} %: the invoice states a taxable amount of {Amount(net)}, the lines give {Amount(ours.Net)}"));
            else if (Math.Abs(tax - ours.Tax) >= 1m)
                problems.Add(new RuleViolation("BT-117", $"{ours.Rate:0.##} %: the invoice states VAT of {Amount(tax)}, {Amount(ours.Net)} at that rate is {Amount(ours.Tax)}"));
            breakdown.Add(ours with { Tax = tax });
        }
        foreach (var extra in stated.Where(s => !draft.TaxBreakdown.Any(t => (t.Code, t.Rate) == s.Key) && (s.Net != 0m || s.Tax != 0m)))
            problems.Add(new RuleViolation("BT-116", $"{extra.Key.Rate:0.##} %: the invoice states {Amount(extra.Net)} at a rate no line has"));
        var asInvoiced = draft with
        {
            TaxBreakdown = breakdown, TaxTotal = breakdown.Sum(t => t.Tax), GrossTotal = draft.NetTotal + breakdown.Sum(t => t.Tax),
        };
        void Compare(string term, string what, decimal ours, decimal? theirs)
        {
            if (theirs != ours)
                problems.Add(new RuleViolation(term, $"{what}: the invoice states {Amount(theirs)}, the lines give {Amount(ours)}"));
        }
        Compare("BT-109", "total without VAT", asInvoiced.NetTotal, facts.Totals.TaxExclusive);
        Compare("BT-110", "total VAT", asInvoiced.TaxTotal, facts.Totals.TaxTotal ?? 0m);
        Compare("BT-112", "total with VAT", asInvoiced.GrossTotal, facts.Totals.TaxInclusive);
        return (asInvoiced, problems);
    }

    private static string Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "nothing";

    private async Task<ArchivedFile> Archive(TradeDocument draft, byte[] body, bool isPdf, string sha, CancellationToken ct)
    {
        var name = $"{ledger.Tenant.Value}/{draft.Year:0000}/{draft.Id}/eingang-{sha[..16]}.{(isPdf ? "pdf" : "xml")}";
        var contentType = isPdf ? "application/pdf" : "application/xml";
        var retain = ArchivedFile.RetentionFor(draft.DocumentDate);
        try
        {
            await blobs.Put(BlobContainers.Archive, name, body, contentType, retain, ct);
        }
        catch (BlobExistsException)
        {
            // Only the same bytes can be there (the name carries a fresh document id): an earlier attempt of this import.
        }
        return new ArchivedFile(OriginalKind, name, contentType, sha, retain);
    }
}
