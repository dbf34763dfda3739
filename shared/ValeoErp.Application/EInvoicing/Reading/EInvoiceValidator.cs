using System.Xml;
using System.Xml.Linq;

namespace ValeoErp.Application.EInvoicing.Reading;

/// <summary>The verdict on one e-invoice: its syntax and KoSIT profile, the findings, and the facts read (null when
/// the file was not a readable UBL/CII invoice).</summary>
public sealed record ValidationReport(EInvoiceSyntax? Syntax, string Profile, IReadOnlyList<RuleFinding> Findings, InvoiceFacts? Facts)
{
    public IEnumerable<RuleFinding> Errors => Findings.Where(f => f.Level == RuleLevel.Error);
    public IEnumerable<RuleFinding> Warnings => Findings.Where(f => f.Level == RuleLevel.Warning);
    public bool IsValid => !Errors.Any();
}

/// <summary>Reads and judges an e-invoice XML (UBL 2.1 Invoice/CreditNote or CII D16B) the way the official
/// validator does: well-formed, no DOCTYPE, a known root, then the business rules of its profile.</summary>
public static class EInvoiceValidator
{
    /// <summary>Invoices are small; a larger file is refused rather than parsed (the API limits bodies too).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public static ValidationReport Validate(byte[] xml)
    {
        var (document, problem) = Parse(xml);
        if (document is null) return new ValidationReport(null, "none", [problem!], null);
        return Validate(document);
    }

    public static ValidationReport Validate(XDocument document)
    {
        var root = document.Root!;
        InvoiceFacts facts;
        if (UblReader.Reads(root)) facts = UblReader.Read(document);
        else if (CiiReader.Reads(root)) facts = CiiReader.Read(document);
        else return new ValidationReport(null, "none",
            [new RuleFinding("NO-SCENARIO", RuleLevel.Error, $"'{root.Name.LocalName}' in '{root.Name.NamespaceName}' is neither a UBL 2.1 Invoice/CreditNote nor a CII CrossIndustryInvoice")], null);
        return new ValidationReport(facts.Syntax, EInvoiceRules.Profile(facts.Specification), EInvoiceRules.Check(facts), facts);
    }

    /// <summary>Parses without DTD processing (a DOCTYPE is refused as the kit refuses it: no entity expansion).</summary>
    public static (XDocument? Document, RuleFinding? Problem) Parse(byte[] xml)
    {
        if (xml.Length > MaxBytes) return (null, new RuleFinding("FILE", RuleLevel.Error, $"the file is larger than {MaxBytes / 1024 / 1024} MiB"));
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var document = XDocument.Load(reader, LoadOptions.None);
            return document.Root is null
                ? (null, new RuleFinding("XML-WELLFORMED", RuleLevel.Error, "no root element"))
                : (document, null);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new RuleFinding("XML-DOCTYPE", RuleLevel.Error, "a DOCTYPE is not allowed in an e-invoice"));
        }
        catch (XmlException e)
        {
            return (null, new RuleFinding("XML-WELLFORMED", RuleLevel.Error, $"not well-formed XML: {e.Message}"));
        }
    }
}
