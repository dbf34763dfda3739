using System.Text.RegularExpressions;
using static ValeoErp.Application.EInvoicing.Reading.XmlFacts;

namespace ValeoErp.Application.EInvoicing.Reading;

public enum RuleLevel { Error, Warning }

/// <summary>One finding with the official rule id (EN 16931 "BR-...", XRechnung "BR-DE-...", Peppol adopted by
/// XRechnung "PEPPOL-EN16931-R...") and the level it has after KoSIT's custom levels.</summary>
public sealed record RuleFinding(string Rule, RuleLevel Level, string Message);

/// <summary>
/// The EN 16931 (CEN 1.3.15) and XRechnung 3.0 (Schematron 2.5.0) business rules that decide whether an invoice
/// is accepted, implemented in C# on the business terms (<see cref="InvoiceFacts"/>) so posting and import need no
/// Java. Written by hand because no library served here interprets the official XSLT 2.0 artefacts in .NET
/// (System.Xml.Xsl is XSLT 1.0; see ADR 0009); CI runs the official artefacts on the same files and a test
/// proves both agree (the testsuite's positive samples, mutants breaking one rule each, every generated file).
/// Arithmetic is that of the Schematron: xs:decimal, round(x * 100) div 100, and the ±1 tolerance of BR-S-08/09.
/// What is not covered: code-list membership (BR-CL-*), the XSD itself beyond readable numbers and dates, and
/// rules on elements the product neither writes nor reads (e.g. BT-111 in a tax currency, CVD vehicle data).
/// </summary>
public static partial class EInvoiceRules
{
    public const string XRechnungCius = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
    public const string XRechnungExtension = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0";
    public const string XRechnungCvd = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9";
    public const string En16931 = "urn:cen.eu:en16931:2017";

    /// <summary>The KoSIT scenario of a specification identifier BT-24 (compared exactly, as KoSIT does).</summary>
    public static string Profile(string? specification) => specification switch
    {
        XRechnungCius => "xrechnung",
        XRechnungExtension => "xrechnung-extension",
        XRechnungCvd => "xrechnung-cvd",
        En16931 => "en16931",
        _ => "none",
    };

    public static IReadOnlyList<RuleFinding> Check(InvoiceFacts f)
    {
        var r = new List<RuleFinding>();
        var profile = Profile(f.Specification);
        if (profile == "none")
            Error(r, "NO-SCENARIO", $"no validation scenario for the specification identifier BT-24 '{f.Specification}' (XRechnung 3.0 or EN 16931 expected)");
        foreach (var u in f.Unreadable) Error(r, "XSD", u);
        Core(f, r);
        Totals(f, r);
        Vat(f, r);
        Decimals(f, r);
        if (profile.StartsWith("xrechnung", StringComparison.Ordinal)) XRechnung(f, profile, r);
        return r;
    }

    private static void Error(List<RuleFinding> r, string rule, string message) => r.Add(new(rule, RuleLevel.Error, message));
    private static void Warning(List<RuleFinding> r, string rule, string message) => r.Add(new(rule, RuleLevel.Warning, message));
    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static void Core(InvoiceFacts f, List<RuleFinding> r)
    {
        if (Blank(f.Specification)) Error(r, "BR-01", "specification identifier BT-24 missing");
        if (Blank(f.Number)) Error(r, "BR-02", "invoice number BT-1 missing");
        if (Blank(f.IssueDate)) Error(r, "BR-03", "issue date BT-2 missing");
        else if (!IsoDate().IsMatch(f.IssueDate!)) Error(r, "XSD", $"issue date '{f.IssueDate}' is not a date");
        if (Blank(f.TypeCode)) Error(r, "BR-04", "invoice type code BT-3 missing");
        if (Blank(f.Currency)) Error(r, "BR-05", "currency code BT-5 missing");
        if (Blank(f.Seller.Name)) Error(r, "BR-06", "seller name BT-27 missing");
        if (Blank(f.Buyer.Name)) Error(r, "BR-07", "buyer name BT-44 missing");
        if (f.Seller.Address is null) Error(r, "BR-08", "seller postal address BG-5 missing");
        else if (Blank(f.Seller.Address.Country)) Error(r, "BR-09", "seller country code BT-40 missing");
        if (f.Buyer.Address is null) Error(r, "BR-10", "buyer postal address BG-8 missing");
        else if (Blank(f.Buyer.Address.Country)) Error(r, "BR-11", "buyer country code BT-55 missing");
        if (f.DeliverTo is not null && Blank(f.DeliverTo.Country)) Error(r, "BR-57", "deliver-to country code BT-80 missing");
        if (f.Lines.Count == 0) Error(r, "BR-16", "at least one invoice line BG-25 is required");
        foreach (var l in f.Lines)
        {
            var at = $"line {l.Id}";
            if (Blank(l.Id)) Error(r, "BR-21", "invoice line identifier BT-126 missing");
            if (l.Quantity is null) Error(r, "BR-22", $"{at}: invoiced quantity BT-129 missing");
            if (Blank(l.UnitCode)) Error(r, "BR-23", $"{at}: unit of measure BT-130 missing");
            if (l.NetAmount is null) Error(r, "BR-24", $"{at}: line net amount BT-131 missing");
            if (Blank(l.Name)) Error(r, "BR-25", $"{at}: item name BT-153 missing");
            if (l.NetPrice is null) Error(r, "BR-26", $"{at}: item net price BT-146 missing");
            else if (l.NetPrice < 0) Error(r, "BR-27", $"{at}: item net price BT-146 must not be negative");
            if (Blank(l.Vat.Category)) Error(r, "BR-CO-04", $"{at}: invoiced item VAT category BT-151 missing");
            if (l.BaseQuantity is <= 0) Error(r, "PEPPOL-EN16931-R121", $"{at}: price base quantity BT-149 must be above zero");
        }
        foreach (var a in f.AllowancesCharges)
        {
            var (amount, category, reason) = a.IsCharge ? ("BR-36", "BR-37", "BR-38") : ("BR-31", "BR-32", "BR-33");
            var what = a.IsCharge ? "document level charge" : "document level allowance";
            if (a.Amount is null) Error(r, amount, $"{what}: amount missing");
            if (Blank(a.Vat.Category)) Error(r, category, $"{what}: VAT category missing");
            if (Blank(a.Reason) && Blank(a.ReasonCode)) Error(r, reason, $"{what}: reason or reason code missing");
        }
        foreach (var b in f.Breakdown)
        {
            if (b.TaxableAmount is null) Error(r, "BR-45", "VAT breakdown: taxable amount BT-116 missing");
            if (b.TaxAmount is null) Error(r, "BR-46", "VAT breakdown: tax amount BT-117 missing");
            if (Blank(b.Vat.Category)) Error(r, "BR-47", "VAT breakdown: category BT-118 missing");
            if (b.Vat.Percent is null && b.Vat.Category != "O") Error(r, "BR-48", "VAT breakdown: rate BT-119 missing");
        }
        foreach (var p in f.PrecedingInvoices)
            if (Blank(p)) Error(r, "BR-55", "preceding invoice reference BT-25 missing");
        if (Blank(f.Seller.VatId) && Blank(f.Seller.LegalId) && f.Seller.Identifiers.Count == 0)
            Error(r, "BR-CO-26", "seller identifier BT-29, legal registration BT-30 or VAT id BT-31 required");
    }

    private static void Totals(InvoiceFacts f, List<RuleFinding> r)
    {
        var t = f.Totals;
        if (t.LineTotal is null) Error(r, "BR-12", "sum of line net amounts BT-106 missing");
        if (t.TaxExclusive is null) Error(r, "BR-13", "total without VAT BT-109 missing");
        if (t.TaxInclusive is null) Error(r, "BR-14", "total with VAT BT-112 missing");
        if (t.Payable is null) Error(r, "BR-15", "amount due BT-115 missing");
        if (t.LineTotal is { } lineTotal && f.Lines.All(l => l.NetAmount is not null))
        {
            var sum = XRound2(f.Lines.Sum(l => l.NetAmount!.Value));
            if (lineTotal != sum) Error(r, "BR-CO-10", $"sum of line net amounts BT-106 is {lineTotal}, the lines add up to {sum}");
        }
        var allowances = f.AllowancesCharges.Where(a => !a.IsCharge).ToList();
        var charges = f.AllowancesCharges.Where(a => a.IsCharge).ToList();
        if (!SumMatches(t.AllowanceTotal, allowances)) Error(r, "BR-CO-11", $"sum of allowances BT-107 ({t.AllowanceTotal}) differs from the allowances ({Sum(allowances)})");
        if (!SumMatches(t.ChargeTotal, charges)) Error(r, "BR-CO-12", $"sum of charges BT-108 ({t.ChargeTotal}) differs from the charges ({Sum(charges)})");
        if (t.TaxExclusive is { } exclusive && t.LineTotal is { } lines)
        {
            var expected = XRound2(lines + (t.ChargeTotal ?? 0m) - (t.AllowanceTotal ?? 0m));
            if (exclusive != expected) Error(r, "BR-CO-13", $"total without VAT BT-109 is {exclusive}, expected BT-106 - BT-107 + BT-108 = {expected}");
        }
        if (f.Breakdown.Count > 0 && t.TaxTotal is { } taxTotal && f.Breakdown.All(b => b.TaxAmount is not null))
        {
            var sum = XRound2(f.Breakdown.Sum(b => b.TaxAmount!.Value));
            if (taxTotal != sum) Error(r, "BR-CO-14", $"total VAT BT-110 is {taxTotal}, the VAT breakdown adds up to {sum}");
        }
        if (t.TaxInclusive is { } inclusive && t.TaxExclusive is { } ex)
        {
            var expected = XRound2(ex + (t.TaxTotal ?? 0m));
            if (t.TaxTotal is null && f.Syntax == EInvoiceSyntax.Ubl)
                Error(r, "BR-CO-15", "total VAT BT-110 in the invoice currency missing");
            else if (inclusive != expected) Error(r, "BR-CO-15", $"total with VAT BT-112 is {inclusive}, expected BT-109 + BT-110 = {expected}");
        }
        if (t.Payable is { } payable && t.TaxInclusive is { } gross)
        {
            // The extension adds third-party payments (BT-DEX-002) to what is due: BR-DEX-09 replaces BR-CO-16 there.
            var thirdParty = Profile(f.Specification) == "xrechnung-extension" ? t.ThirdPartyPaid : 0m;
            var ok = XRound2(payable - (t.Rounding ?? 0m)) == XRound2(gross - (t.Prepaid ?? 0m) + thirdParty);
            if (!ok) Error(r, thirdParty != 0m ? "BR-DEX-09" : "BR-CO-16",
                $"amount due BT-115 is {payable}, expected BT-112 - BT-113 + BT-114 = {XRound2(gross - (t.Prepaid ?? 0m) + thirdParty + (t.Rounding ?? 0m))}");
        }
    }

    private static decimal Sum(List<AllowanceChargeFacts> items) => XRound2(items.Sum(a => a.Amount ?? 0m));

    private static bool SumMatches(decimal? stated, List<AllowanceChargeFacts> items) =>
        stated is { } s ? s == Sum(items) : items.Count == 0;

    /// <summary>Rule-id prefix of each VAT category in EN 16931.</summary>
    private static readonly Dictionary<string, string> Prefix = new()
    {
        ["S"] = "S", ["Z"] = "Z", ["E"] = "E", ["AE"] = "AE", ["K"] = "IC", ["G"] = "G", ["O"] = "O", ["L"] = "AF", ["M"] = "AG",
    };

    private static void Vat(InvoiceFacts f, List<RuleFinding> r)
    {
        var used = f.Lines.Select(l => l.Vat).Concat(f.AllowancesCharges.Select(a => a.Vat))
            .Where(v => v.Category is not null && Prefix.ContainsKey(v.Category)).ToList();
        var categories = used.Select(v => v.Category!).Distinct().ToList();
        var hasSellerVat = !Blank(f.Seller.VatId) || !Blank(f.TaxRepresentativeVatId);
        foreach (var c in categories)
        {
            var p = Prefix[c];
            var entries = f.Breakdown.Count(b => b.Vat.Category == c);
            if (c == "S" ? entries == 0 : entries != 1)
                Error(r, $"BR-{p}-01", $"category {c} is used, so the VAT breakdown must hold {(c == "S" ? "it" : "exactly one entry for it")}");
            if (c is "AE" && (!hasSellerVat || (Blank(f.Buyer.VatId) && Blank(f.Buyer.LegalId))))
                Error(r, "BR-AE-02", "reverse charge needs the seller's VAT id (or tax representative's) and the buyer's VAT id or legal registration");
            if (c is "K" && (!hasSellerVat || Blank(f.Buyer.VatId)))
                Error(r, "BR-IC-02", "an intra-community supply needs the seller's and the buyer's VAT id");
            if (c is "G" && !hasSellerVat) Error(r, "BR-G-02", "an export needs the seller's VAT id");
            if (c is "Z" or "E" && !hasSellerVat && Blank(f.Seller.TaxNumber))
                Error(r, $"BR-{p}-02", $"category {c} needs the seller's VAT id, tax number or tax representative");
            if (c is "S" && !hasSellerVat && Blank(f.Seller.TaxNumber))
                Error(r, "BR-S-02", "standard rated items need the seller's VAT id, tax number or tax representative");
            if (c is "O" && (!Blank(f.Seller.VatId) || !Blank(f.Buyer.VatId) || !Blank(f.TaxRepresentativeVatId)))
                Error(r, "BR-O-02", "items not subject to VAT exclude VAT ids of seller, buyer and tax representative");
            if (c is "O" && f.Breakdown.Any(b => b.Vat.Category != "O"))
                Error(r, "BR-O-11", "a VAT breakdown with category O must not hold other categories");
        }
        foreach (var l in f.Lines) RateRule(l.Vat, $"line {l.Id}", "05", r);
        foreach (var a in f.AllowancesCharges) RateRule(a.Vat, a.IsCharge ? "document level charge" : "document level allowance", a.IsCharge ? "07" : "06", r);
        if (categories.Contains("K"))
        {
            if (f.DeliveryDate is null && !f.HasInvoicePeriod) Error(r, "BR-IC-11", "an intra-community supply needs the actual delivery date BT-72 or the invoicing period BG-14");
            if (f.DeliverTo is null || Blank(f.DeliverTo.Country)) Error(r, "BR-IC-12", "an intra-community supply needs the deliver-to country BT-80");
        }

        foreach (var b in f.Breakdown)
        {
            if (b is { Vat.Percent: { } percent, TaxableAmount: { } basisAmount, TaxAmount: { } taxAmount })
            {
                // BR-CO-17 as each binding's artefact states it: UBL with a strict ±1 tolerance, CII inclusive.
                var roundsToZero = Math.Floor(percent + 0.5m) == 0;
                var computed = XRound2(Math.Abs(basisAmount) * (percent / 100m));
                var ok = roundsToZero
                    ? Math.Floor(taxAmount + 0.5m) == 0
                    : f.Syntax == EInvoiceSyntax.Ubl
                        ? Math.Abs(taxAmount) - 1 < computed && Math.Abs(taxAmount) + 1 > computed
                        : Math.Abs(taxAmount) - 1 <= computed && Math.Abs(taxAmount) + 1 >= computed;
                if (!ok) Error(r, "BR-CO-17", $"VAT breakdown {b.Vat.Category} {percent} %: tax amount {taxAmount} differs from taxable amount x rate = {computed}");
            }
            if (b.Vat.Category is not { } c || !Prefix.TryGetValue(c, out var p) || b.TaxableAmount is not { } taxable || b.TaxAmount is not { } tax) continue;
            var sameRate = (VatFacts v) => v.Category == c && (c != "S" && c != "L" && c != "M" || v.Percent == b.Vat.Percent);
            var basis = f.Lines.Where(l => sameRate(l.Vat)).Sum(l => l.NetAmount ?? 0m)
                + f.AllowancesCharges.Where(a => sameRate(a.Vat)).Sum(a => a.IsCharge ? a.Amount ?? 0m : -(a.Amount ?? 0m));
            if (c is "S" or "L" or "M")
            {
                var rate = b.Vat.Percent ?? 0m;
                if (!(taxable - 1 < basis && taxable + 1 > basis))
                    Error(r, $"BR-{p}-08", $"category {c} {rate} %: taxable amount BT-116 is {taxable}, the lines and allowances/charges add up to {basis}");
                var expected = XRound2(Math.Abs(taxable) * (rate / 100m));
                if (!(Math.Abs(tax) - 1 < expected && Math.Abs(tax) + 1 > expected))
                    Error(r, $"BR-{p}-09", $"category {c} {rate} %: tax amount BT-117 is {tax}, expected {expected}");
            }
            else
            {
                if (taxable != basis) Error(r, $"BR-{p}-08", $"category {c}: taxable amount BT-116 is {taxable}, the lines and allowances/charges add up to {basis}");
                if (tax != 0) Error(r, $"BR-{p}-09", $"category {c}: tax amount BT-117 must be 0");
            }
            var hasReason = !Blank(b.Vat.ExemptionReason) || !Blank(b.Vat.ExemptionReasonCode);
            if (c is "E" or "AE" or "K" or "G" or "O" && !hasReason)
                Error(r, $"BR-{p}-10", $"category {c}: a VAT exemption reason BT-120 or code BT-121 is required");
            if (c is "S" or "Z" or "L" or "M" && hasReason)
                Error(r, $"BR-{p}-10", $"category {c}: a VAT exemption reason BT-120/121 is not allowed");
        }
    }

    /// <summary>BR-x-05/06/07: the rate a category allows on a line, allowance or charge.</summary>
    private static void RateRule(VatFacts vat, string where, string number, List<RuleFinding> r)
    {
        if (vat.Category is not { } c || !Prefix.TryGetValue(c, out var p)) return;
        var ok = c switch
        {
            "S" => vat.Percent > 0,
            "O" => vat.Percent is null,
            "L" or "M" => vat.Percent is >= 0,
            _ => vat.Percent == 0,
        };
        if (!ok) Error(r, $"BR-{p}-{number}", $"{where}: category {c} does not allow the rate {vat.Percent?.ToString() ?? "(none)"}");
    }

    private static readonly Dictionary<string, string> DecimalRule = new()
    {
        ["BT-92/99"] = "BR-DEC-01", ["BT-93/100"] = "BR-DEC-02", ["BT-106"] = "BR-DEC-09", ["BT-107"] = "BR-DEC-10",
        ["BT-108"] = "BR-DEC-11", ["BT-109"] = "BR-DEC-12", ["BT-110"] = "BR-DEC-13", ["BT-112"] = "BR-DEC-14",
        ["BT-113"] = "BR-DEC-16", ["BT-114"] = "BR-DEC-17", ["BT-115"] = "BR-DEC-18", ["BT-116"] = "BR-DEC-19",
        ["BT-117"] = "BR-DEC-20", ["BT-131"] = "BR-DEC-23", ["BT-136/141"] = "BR-DEC-24",
    };

    private static void Decimals(InvoiceFacts f, List<RuleFinding> r)
    {
        foreach (var (term, raw) in f.Amounts)
            if (raw.IndexOf('.') is var dot and >= 0 && raw.Length - dot - 1 > 2 && DecimalRule.TryGetValue(term, out var rule))
                Error(r, rule, $"{term} '{raw}' has more than 2 decimals");
    }

    private static void XRechnung(InvoiceFacts f, string profile, List<RuleFinding> r)
    {
        if (f.PaymentMeans.Count == 0) Error(r, "BR-DE-1", "payment instructions BG-16 are required");
        if (f.Seller.Contact is null) Error(r, "BR-DE-2", "seller contact BG-6 is required");
        else
        {
            if (Blank(f.Seller.Contact.Name)) Error(r, "BR-DE-5", "seller contact point BT-41 is required");
            if (Blank(f.Seller.Contact.Phone)) Error(r, "BR-DE-6", "seller contact telephone BT-42 is required");
            else if (!Telephone().IsMatch(f.Seller.Contact.Phone!)) Warning(r, "BR-DE-27", "seller contact telephone BT-42 should hold at least three digits");
            if (Blank(f.Seller.Contact.Email)) Error(r, "BR-DE-7", "seller contact e-mail BT-43 is required");
            else if (!Email().IsMatch(f.Seller.Contact.Email!)) Warning(r, "BR-DE-28", "seller contact e-mail BT-43 does not look like an e-mail address");
        }
        if (f.Seller.Address is { } sa)
        {
            if (Blank(sa.City)) Error(r, "BR-DE-3", "seller city BT-37 is required");
            if (Blank(sa.PostCode)) Error(r, "BR-DE-4", "seller post code BT-38 is required");
        }
        if (f.Buyer.Address is { } ba)
        {
            if (Blank(ba.City)) Error(r, "BR-DE-8", "buyer city BT-52 is required");
            if (Blank(ba.PostCode)) Error(r, "BR-DE-9", "buyer post code BT-53 is required");
        }
        if (f.DeliverTo is { } d)
        {
            if (Blank(d.City)) Error(r, "BR-DE-10", "deliver-to city BT-77 is required when a deliver-to address is given");
            if (Blank(d.PostCode)) Error(r, "BR-DE-11", "deliver-to post code BT-78 is required when a deliver-to address is given");
        }
        foreach (var b in f.Breakdown)
            if (b.Vat.Percent is null) Error(r, "BR-DE-14", $"VAT breakdown {b.Vat.Category}: rate BT-119 is required");
        if (Blank(f.BuyerReference)) Error(r, "BR-DE-15", "buyer reference BT-10 (e.g. the Leitweg-ID) is required");
        var taxed = f.Lines.Select(l => l.Vat.Category).Concat(f.AllowancesCharges.Select(a => a.Vat.Category))
            .Any(c => c is "S" or "Z" or "E" or "AE" or "K" or "G" or "L" or "M");
        if (taxed && Blank(f.Seller.VatId) && Blank(f.Seller.TaxNumber) && Blank(f.TaxRepresentativeVatId))
            Error(r, "BR-DE-16", "seller VAT id BT-31, tax number BT-32 or tax representative BG-11 is required");
        if (f.TypeCode is not ("326" or "380" or "384" or "389" or "381" or "875" or "876" or "877"))
            Warning(r, "BR-DE-17", $"invoice type code BT-3 '{f.TypeCode}' is not one XRechnung expects");
        if (f.PaymentTerms is { } terms && !SkontoValid(terms))
            Error(r, "BR-DE-18", "Skonto lines in the payment terms BT-20 must read #SKONTO#TAGE=n#PROZENT=n.nn#(BASISBETRAG=n.nn#) and end with a line break");
        if (f.AttachmentNames.Count != f.AttachmentNames.Distinct(StringComparer.Ordinal).Count())
            Error(r, "BR-DE-22", "attachment file names must be unique");
        if (f.TypeCode == "384" && f.PrecedingInvoices.Count == 0)
            Warning(r, "BR-DE-26", "a corrected invoice (384) should reference the preceding invoice BG-3");
        foreach (var m in f.PaymentMeans)
        {
            switch (m.Code)
            {
                case "30" or "58":
                    if (!m.HasCreditTransfer) Error(r, "BR-DE-23-a", $"payment means {m.Code} requires the credit transfer BG-17");
                    if (m.HasCard || m.HasMandate) Error(r, "BR-DE-23-b", $"payment means {m.Code} excludes card BG-18 and direct debit BG-19");
                    if (m.Code == "58" && !Iban.IsValid(m.Iban)) Warning(r, "BR-DE-19", $"payment account BT-84 '{m.Iban}' is not a valid IBAN");
                    break;
                case "48" or "54" or "55":
                    if (!m.HasCard) Error(r, "BR-DE-24-a", $"payment means {m.Code} requires the payment card BG-18");
                    if (m.HasCreditTransfer || m.HasMandate) Error(r, "BR-DE-24-b", $"payment means {m.Code} excludes credit transfer BG-17 and direct debit BG-19");
                    break;
                case "59":
                    if (!m.HasMandate) Error(r, "BR-DE-25-a", "payment means 59 requires the direct debit BG-19");
                    if (m.HasCreditTransfer || m.HasCard) Error(r, "BR-DE-25-b", "payment means 59 excludes credit transfer BG-17 and card BG-18");
                    break;
            }
            if (m.HasMandate && Blank(f.CreditorId)) Error(r, "BR-DE-30", "direct debit needs the creditor identifier BT-90");
            if (m.HasMandate && Blank(m.DebitedAccount)) Error(r, "BR-DE-31", "direct debit needs the debited account BT-91");
            if (m.Code is "49" or "59" && Blank(m.MandateId)) Error(r, "PEPPOL-EN16931-R061", "direct debit needs the mandate reference BT-89");
        }
        if (f.Specification is not (XRechnungCius or XRechnungExtension or XRechnungCvd))
            Warning(r, "BR-DE-21", "specification identifier BT-24 should be XRechnung's");
        // Peppol BIS rules KoSIT adopted into XRechnung 3.0.
        if (Blank(f.BusinessProcess)) Error(r, "PEPPOL-EN16931-R001", "business process BT-23 is required");
        if (Blank(f.Buyer.ElectronicAddress)) Error(r, "PEPPOL-EN16931-R010", "buyer electronic address BT-49 is required");
        if (Blank(f.Seller.ElectronicAddress)) Error(r, "PEPPOL-EN16931-R020", "seller electronic address BT-34 is required");
        if (f.EmptyElements > 0) Error(r, "PEPPOL-EN16931-R008", $"{f.EmptyElements} empty element(s): the document must not contain empty elements");
        if (f.TaxTotalsWithSubtotals > 1) Error(r, "PEPPOL-EN16931-R053", "only one tax total with tax subtotals may be given");
        foreach (var a in f.AllowancesCharges)
        {
            if (a.Percent is not null && a.BaseAmount is null) Error(r, "PEPPOL-EN16931-R041", "allowance/charge base amount is required with a percentage");
            if (a.Percent is null && a.BaseAmount is not null) Error(r, "PEPPOL-EN16931-R042", "allowance/charge percentage is required with a base amount");
            if (a is { Percent: { } pct, BaseAmount: { } basis, Amount: { } amt } && XRound2(basis * pct / 100m) != amt)
                Error(r, "PEPPOL-EN16931-R040", $"allowance/charge amount {amt} differs from base {basis} x {pct} %");
        }
        foreach (var l in f.Lines)
        {
            if (l is not { Quantity: { } q, NetPrice: { } price, NetAmount: { } net }) continue;
            var expected = XRound2(q * (price / (l.BaseQuantity is > 0 ? l.BaseQuantity.Value : 1m)) + l.Charges - l.Allowances);
            if (expected != net) Warning(r, "PEPPOL-EN16931-R120", $"line {l.Id}: net amount {net} differs from quantity x price + charges - allowances = {expected}");
        }
        _ = profile;
    }

    /// <summary>BR-DE-18: every line of BT-20 that starts with '#' is a Skonto term, and the last term is followed
    /// by a line break.</summary>
    public static bool SkontoValid(string terms)
    {
        var lines = terms.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().StartsWith('#')).ToList();
        if (lines.Count == 0) return true;
        if (!lines.All(l => SkontoLine().IsMatch(NormalizeSpace(l)))) return false;
        var lastTerm = terms.LastIndexOf('#');
        return lastTerm >= 0 && LineBreakFirst().IsMatch(terms[(lastTerm + 1)..]);
    }

    private static string NormalizeSpace(string s) => WhiteSpace().Replace(s.Trim(), " ");

    [GeneratedRegex(@"^#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$")]
    private static partial Regex SkontoLine();
    [GeneratedRegex(@"^\s*\n")]
    private static partial Regex LineBreakFirst();
    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
    [GeneratedRegex(@"^[^@\s]+@([^@.\s]+\.)+[^@.\s]+$")]
    private static partial Regex Email();
    [GeneratedRegex(@".*([0-9].*){3,}.*")]
    private static partial Regex Telephone();
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}

/// <summary>ISO 13616 check digits (mod 97), as BR-DE-19 checks them.</summary>
public static class Iban
{
    public static bool IsValid(string? iban)
    {
        if (iban is null) return false;
        var s = new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (s.Length < 5 || s.Length > 34 || !char.IsAsciiLetterUpper(s[0]) || !char.IsAsciiLetterUpper(s[1])
            || !char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3]) || !s.All(char.IsAsciiLetterOrDigit)) return false;
        var remainder = 0;
        foreach (var c in s[4..] + s[..4])
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = digits >= 10 ? (remainder * 100 + digits) % 97 : (remainder * 10 + digits) % 97;
        }
        return remainder == 1;
    }
}
