using System.Text;
using System.Xml;
using System.Xml.Linq;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.EInvoicing.Reading;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.EInvoicing;

public enum EInvoiceSyntax { Ubl, Cii }

/// <summary>The e-invoice of an issued document: built from the stored data, checked, written as XRechnung UBL or CII.</summary>
public sealed class EInvoices(Ledger ledger, MasterData data, CompanyProfiles profiles)
{
    /// <summary>The e-invoice of a document as it is (or will be, at posting), or the rules it breaks.</summary>
    public async Task<Result<EInvoice>> Build(TradeDocument document, CancellationToken ct)
    {
        var partner = await data.Get(document.Kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, document.PartnerId, ct);
        if (!partner.IsSuccess) return partner.Error!;
        var built = EInvoiceMapping.From(document, (await profiles.Get(ct))?.Value, partner.Value.Value, await Corrected(document, ct));
        if (!built.IsSuccess) return built;
        var problems = EInvoiceChecks.Problems(built.Value);
        return problems.Count == 0 ? built : new EInvoiceInvalid(problems.Select(Violation).ToArray());
    }

    /// <summary>The invoice a credit note corrects (BG-3 on the e-invoice, the reference on the PDF).</summary>
    public async Task<(string Number, NodaTime.LocalDate Date)?> Corrected(TradeDocument document, CancellationToken ct) =>
        document.Kind == DocumentKind.SalesCreditNote && document.OriginId is { } origin
        && await DocumentStore.Load(ledger, origin, ct) is { IsSuccess: true } invoice && invoice.Value.Value.Number is { } number
            ? (number, invoice.Value.Value.DocumentDate)
            : null;

    /// <summary>At posting: customers who receive e-invoices get only documents whose e-invoice is valid.</summary>
    public async Task<Error?> CheckBeforePosting(TradeDocument posted, CancellationToken ct)
    {
        if (!Verification.IsIssued(posted)) return null;
        var partner = await data.Get(posted.Kind.IsPurchase() ? PartnerResource.Suppliers : PartnerResource.Customers, posted.PartnerId, ct);
        if (!partner.IsSuccess || !EInvoiceMapping.WantsEInvoice(partner.Value.Value)) return null;
        var built = await Build(posted, ct);
        if (!built.IsSuccess) return built.Error;
        var broken = Verdict(built.Value, partner.Value.Value.EInvoiceFormat);
        return broken.Count == 0 ? null : new EInvoiceInvalid(broken);
    }

    /// <summary>The e-invoice written as the customer receives it (XRechnung UBL or CII, or the EN 16931 CII of a
    /// ZUGFeRD PDF), read back and judged by the EN 16931 / XRechnung rules: the same engine judges what we import,
    /// and CI proves it agrees with the official artefacts.</summary>
    public static IReadOnlyList<RuleViolation> Verdict(EInvoice invoice, EInvoiceFormat? format)
    {
        var (document, syntax) = format switch
        {
            EInvoiceFormat.Zugferd => (invoice with { Specification = EInvoice.En16931 }, EInvoiceSyntax.Cii),
            EInvoiceFormat.XrechnungCii => (invoice, EInvoiceSyntax.Cii),
            _ => (invoice, EInvoiceSyntax.Ubl),
        };
        return EInvoiceValidator.Validate(Write(document, syntax)).Errors.Select(e => new RuleViolation(e.Rule, e.Message)).ToList();
    }

    public static byte[] Write(EInvoice invoice, EInvoiceSyntax syntax)
    {
        var xml = syntax == EInvoiceSyntax.Ubl ? UblWriter.Write(invoice) : CiiWriter.Write(invoice);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            xml.Save(writer);
        return buffer.ToArray();
    }

    private static RuleViolation Violation(string problem) =>
        problem.IndexOf(':') is > 0 and var colon && problem[..colon].StartsWith("BR-", StringComparison.Ordinal)
            ? new RuleViolation(problem[..colon], problem[(colon + 1)..].Trim())
            : new RuleViolation("EN16931", problem);
}
