using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;
using Company = ValeoErp.Domain.Tenants.CompanyProfile;

namespace ValeoErp.Application.EInvoicing;

/// <summary>One EN 16931 / XRechnung rule a document breaks, with the official rule id.</summary>
public sealed record RuleViolation(string Rule, string Message);

/// <summary>The document cannot leave as a valid e-invoice (409): the problem lists the rules it breaks.</summary>
public sealed record EInvoiceInvalid(IReadOnlyList<RuleViolation> Rules)
    : Error("einvoice-invalid", "The e-invoice would be invalid: " + string.Join("; ", Rules.Select(r => $"{r.Rule} {r.Message}")));

/// <summary>
/// Builds the neutral e-invoice of an issued document from the document, the company profile and the partner.
/// What the data cannot supply is reported as the XRechnung rule it would break (BR-DE-15 buyer reference,
/// BR-DE-2/5/6/7 seller contact, BR-DE-1 payment instructions, PEPPOL-EN16931-R010/R020 electronic addresses),
/// so a posting can refuse the document before a number is drawn.
/// </summary>
public static class EInvoiceMapping
{
    public static bool WantsEInvoice(Partner partner) =>
        partner.EInvoiceFormat is EInvoiceFormat.XrechnungUbl or EInvoiceFormat.XrechnungCii or EInvoiceFormat.Zugferd;

    public static Result<EInvoice> From(TradeDocument d, Company? company, Partner partner, (string Number, LocalDate Date)? corrected = null)
    {
        var rules = new List<RuleViolation>();
        if (company is null) rules.Add(new("BR-DE-2", "the company profile (seller, seller contact BG-6) is not set: PUT /api/v1/settings/company"));
        var us = company is null ? null : Us(company, rules);
        var them = Party(partner, d, rules);
        var reference = partner.BuyerReference ?? (partner.EInvoiceFormat is EInvoiceFormat.XrechnungUbl or EInvoiceFormat.XrechnungCii
            ? null : $"Kd-Nr. {partner.Number}");
        if (reference is null) rules.Add(new("BR-DE-15", $"buyer reference BT-10 (Leitweg-ID) of {partner.Name} is missing"));
        var bank = company?.BankAccounts.FirstOrDefault();
        if (company is not null && bank is null && !d.SelfBilled) rules.Add(new("BR-DE-1", "payment instructions BG-16 need a company bank account"));
        if (d.Kind == DocumentKind.SalesCreditNote && corrected is null) rules.Add(new("BR-55", "a credit note needs the invoice it corrects"));
        if (d.Number is null) rules.Add(new("BR-02", "the document has no number yet"));
        if (rules.Count > 0 || us is null || them is null) return new EInvoiceInvalid(rules);

        var kind = d.Kind switch
        {
            DocumentKind.SalesCreditNote => EInvoiceKind.CreditNote,
            DocumentKind.PurchaseInvoice when d.SelfBilled => EInvoiceKind.SelfBilled,
            _ => EInvoiceKind.Invoice,
        };
        // A Gutschrift is issued by us for the farmer: the farmer is the seller, we are the buyer.
        var (seller, buyer) = kind == EInvoiceKind.SelfBilled
            ? (new Seller(them.Name, them.Address, them.ElectronicAddress, us.Contact, them.VatId, partner.TaxNumber,
                Identifier: $"Lieferant {partner.Number}"), new Buyer(us.Name, us.Address, us.ElectronicAddress, us.VatId))
            : (us, them);
        var payment = kind == EInvoiceKind.SelfBilled
            ? new Payment(partner.BankAccount?.Iban ?? bank?.Iban ?? "", partner.BankAccount?.Bic, partner.Name, d.DueDate)
            : new Payment(bank!.Iban, bank.Bic, company!.LegalName, d.DueDate, Terms(d), Skonto(d));
        var lines = d.Lines.Select(l => new InvoiceLine(l.LineNo.ToString(), l.Description, l.Quantity, UnitCode(l.Unit), l.UnitPrice,
            l.Net, Vat(d.TaxTreatment, l.Rate), SellerItemId: l.ArticleNumber)).ToArray();
        return new EInvoice(kind, d.Number!, d.DocumentDate, reference!, seller, buyer, payment, lines)
        {
            DeliveryDate = d.DeliveryDate,
            DeliverTo = d.TaxTreatment == TaxTreatment.EuReverseCharge ? them.Address : null,
            OrderReference = d.ExternalReference,
            Preceding = corrected is { } c ? new PrecedingInvoice(c.Number, c.Date) : null,
            Notes = d.TaxTreatment == TaxTreatment.FlatRateFarmer ? ["Durchschnittssatzbesteuerung nach § 24 UStG"] : [],
        };
    }

    public static string UnitCode(ArticleUnit unit) => unit switch
    {
        ArticleUnit.T => "TNE",
        ArticleUnit.Kg => "KGM",
        ArticleUnit.L => "LTR",
        ArticleUnit.Sack => "XBG",
        _ => "H87",
    };

    private static VatRate Vat(TaxTreatment treatment, decimal rate) => treatment switch
    {
        TaxTreatment.EuReverseCharge => VatRate.IntraCommunity, // goods to an EU business: tax-free intra-EU supply (K)
        TaxTreatment.Export => VatRate.Export,
        _ when rate == 0m => new VatRate(VatCategory.Z, 0m),
        _ => VatRate.Standard(rate),
    };

    private static Seller? Us(Company company, List<RuleViolation> rules)
    {
        var contact = company.Contact;
        if (contact is null) rules.Add(new("BR-DE-2", "the seller contact BG-6 is missing in the company profile"));
        else
        {
            if (string.IsNullOrWhiteSpace(contact.Name)) rules.Add(new("BR-DE-5", "seller contact point BT-41 is missing"));
            if (string.IsNullOrWhiteSpace(contact.Phone)) rules.Add(new("BR-DE-6", "seller contact telephone BT-42 is missing"));
            if (string.IsNullOrWhiteSpace(contact.Email)) rules.Add(new("BR-DE-7", "seller contact e-mail BT-43 is missing"));
        }
        var electronic = company.ElectronicAddress ?? contact?.Email;
        if (electronic is null) rules.Add(new("PEPPOL-EN16931-R020", "seller electronic address BT-34 is missing"));
        if (contact is null || electronic is null || string.IsNullOrWhiteSpace(contact.Name) || string.IsNullOrWhiteSpace(contact.Phone)
            || string.IsNullOrWhiteSpace(contact.Email)) return null;
        var legal = string.Join(", ", new[] { company.Register is { } r ? $"{r.Court} {r.Number}" : null,
            company.ManagingDirectors.Count > 0 ? "Geschäftsführung: " + string.Join(", ", company.ManagingDirectors) : null }.OfType<string>());
        return new Seller(company.LegalName, Address(company.Address), Electronic(electronic),
            new SellerContact(contact.Name!, contact.Phone!, contact.Email!), company.VatId, company.TaxNumber,
            company.Register?.Number, legal.Length == 0 ? null : legal);
    }

    private static Buyer? Party(Partner partner, TradeDocument d, List<RuleViolation> rules)
    {
        var electronic = partner.EInvoiceAddress ?? partner.Email;
        if (electronic is null) rules.Add(new("PEPPOL-EN16931-R010", $"electronic address BT-49 of {partner.Name} is missing (e-invoice address or e-mail)"));
        if (d.TaxTreatment == TaxTreatment.EuReverseCharge && partner.VatId is null)
            rules.Add(new("BR-IC-02", $"VAT id of {partner.Name} is required for a tax-free intra-EU supply"));
        return electronic is null ? null : new Buyer(partner.Name, Address(partner.Address), Electronic(electronic), partner.VatId);
    }

    private static ElectronicAddress Electronic(string value) =>
        value.Contains('@') ? new ElectronicAddress(value) : new ElectronicAddress(value, "0204");

    private static PostalAddress Address(Address a) => new(a.Street, a.PostalCode, a.City, a.Country);

    private static string? Terms(TradeDocument d) => d.DueDate is { } due ? $"Zahlbar bis {due:dd.MM.yyyy} ohne Abzug." : null;

    private static IReadOnlyList<SkontoTerm>? Skonto(TradeDocument d) =>
        d.PaymentTerms is { DiscountPercent: > 0m } t ? [new SkontoTerm(t.DiscountDays, t.DiscountPercent)] : null;
}
