using System.Xml.Linq;
using static ValeoErp.Application.EInvoicing.Reading.XmlFacts;

namespace ValeoErp.Application.EInvoicing.Reading;

/// <summary>Reads the EN 16931 business terms of a UN/CEFACT CII D16B CrossIndustryInvoice (XRechnung CII,
/// ZUGFeRD/Factur-X EN 16931).</summary>
public static class CiiReader
{
    public static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    private static readonly Dictionary<string, XNamespace> Ns = new() { ["rsm"] = Rsm, ["ram"] = Ram, ["udt"] = Udt };

    public static bool Reads(XElement root) => root.Name == Rsm + "CrossIndustryInvoice";

    public static InvoiceFacts Read(XDocument document)
    {
        var root = document.Root ?? throw new ArgumentException("empty document");
        var x = new XmlFacts();
        var trade = At(root, Ns, "rsm:SupplyChainTradeTransaction");
        var agreement = At(trade, Ns, "ram:ApplicableHeaderTradeAgreement");
        var delivery = At(trade, Ns, "ram:ApplicableHeaderTradeDelivery");
        var settlement = At(trade, Ns, "ram:ApplicableHeaderTradeSettlement");
        var sums = At(settlement, Ns, "ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        var currency = Text(settlement, Ns, "ram:InvoiceCurrencyCode");
        var taxTotal = All(sums, Ns, "ram:TaxTotalAmount").FirstOrDefault(t => (string?)t.Attribute("currencyID") == currency)
            ?? All(sums, Ns, "ram:TaxTotalAmount").FirstOrDefault(t => t.Attribute("currencyID") is null);
        var terms = At(settlement, Ns, "ram:SpecifiedTradePaymentTerms");
        return new InvoiceFacts
        {
            Syntax = EInvoiceSyntax.Cii,
            Specification = Text(root, Ns, "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"),
            BusinessProcess = Text(root, Ns, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"),
            Number = Text(root, Ns, "rsm:ExchangedDocument/ram:ID"),
            IssueDate = Date(At(root, Ns, "rsm:ExchangedDocument/ram:IssueDateTime")),
            TypeCode = Text(root, Ns, "rsm:ExchangedDocument/ram:TypeCode"),
            Currency = currency,
            TaxCurrency = Text(settlement, Ns, "ram:TaxCurrencyCode"),
            BuyerReference = Text(agreement, Ns, "ram:BuyerReference"),
            OrderReference = Text(agreement, Ns, "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"),
            DueDate = Date(At(terms, Ns, "ram:DueDateDateTime")),
            DeliveryDate = Date(At(delivery, Ns, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime")),
            HasInvoicePeriod = At(settlement, Ns, "ram:BillingSpecifiedPeriod") is not null,
            Notes = All(root, Ns, "rsm:ExchangedDocument/ram:IncludedNote/ram:Content").Select(n => n.Value).ToList(),
            PrecedingInvoices = All(settlement, Ns, "ram:InvoiceReferencedDocument").Select(r => Text(r, Ns, "ram:IssuerAssignedID")).ToList(),
            Seller = Party(At(agreement, Ns, "ram:SellerTradeParty")),
            Buyer = Party(At(agreement, Ns, "ram:BuyerTradeParty")),
            TaxRepresentativeVatId = All(agreement, Ns, "ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID")
                .Where(i => (string?)i.Attribute("schemeID") == "VA").Select(i => i.Value.Trim()).FirstOrDefault(),
            DeliverTo = At(delivery, Ns, "ram:ShipToTradeParty/ram:PostalTradeAddress") is { } to ? Address(to) : null,
            PaymentMeans = All(settlement, Ns, "ram:SpecifiedTradeSettlementPaymentMeans").Select(m => PaymentMeans(m, terms)).ToList(),
            PaymentTerms = At(terms, Ns, "ram:Description")?.Value, // untrimmed: BR-DE-18 needs the final line break
            CreditorId = Text(settlement, Ns, "ram:CreditorReferenceID"),
            Lines = All(trade, Ns, "ram:IncludedSupplyChainTradeLineItem").Select(l => Line(l, x)).ToList(),
            AllowancesCharges = All(settlement, Ns, "ram:SpecifiedTradeAllowanceCharge").Select(a => AllowanceCharge(a, x)).ToList(),
            Breakdown = All(settlement, Ns, "ram:ApplicableTradeTax").Select(t => new BreakdownFacts(
                x.Decimal(At(t, Ns, "ram:BasisAmount"), "BT-116", amount: true), x.Decimal(At(t, Ns, "ram:CalculatedAmount"), "BT-117", amount: true),
                Vat(t, x))).ToList(),
            Totals = new TotalsFacts(
                x.Decimal(At(sums, Ns, "ram:LineTotalAmount"), "BT-106", amount: true),
                x.Decimal(At(sums, Ns, "ram:AllowanceTotalAmount"), "BT-107", amount: true),
                x.Decimal(At(sums, Ns, "ram:ChargeTotalAmount"), "BT-108", amount: true),
                x.Decimal(At(sums, Ns, "ram:TaxBasisTotalAmount"), "BT-109", amount: true),
                x.Decimal(taxTotal, "BT-110", amount: true),
                x.Decimal(At(sums, Ns, "ram:GrandTotalAmount"), "BT-112", amount: true),
                x.Decimal(At(sums, Ns, "ram:TotalPrepaidAmount"), "BT-113", amount: true),
                x.Decimal(At(sums, Ns, "ram:RoundingAmount"), "BT-114", amount: true),
                x.Decimal(At(sums, Ns, "ram:DuePayableAmount"), "BT-115", amount: true),
                All(settlement, Ns, "ram:SpecifiedAdvancePayment").Sum(p => x.Decimal(At(p, Ns, "ram:PaidAmount"), "BT-DEX-002") ?? 0m)),
            HasThirdPartyPayments = At(settlement, Ns, "ram:SpecifiedAdvancePayment") is not null,
            AttachmentNames = All(agreement, Ns, "ram:AdditionalReferencedDocument/ram:AttachmentBinaryObject")
                .Select(b => (string?)b.Attribute("filename") ?? "").ToList(),
            Amounts = x.Amounts,
            Unreadable = x.Unreadable,
        };
    }

    /// <summary>udt:DateTimeString format 102 (CCYYMMDD), returned as ISO yyyy-MM-dd like UBL.</summary>
    private static string? Date(XElement? dateTime)
    {
        var s = Text(dateTime, Ns, "udt:DateTimeString");
        return s is { Length: 8 } && s.All(char.IsAsciiDigit) ? $"{s[..4]}-{s[4..6]}-{s[6..]}" : s;
    }

    private static PartyFacts Party(XElement? party)
    {
        if (party is null) return new PartyFacts();
        var registrations = All(party, Ns, "ram:SpecifiedTaxRegistration/ram:ID").ToList();
        var endpoint = At(party, Ns, "ram:URIUniversalCommunication/ram:URIID");
        var contact = At(party, Ns, "ram:DefinedTradeContact");
        return new PartyFacts
        {
            Name = Text(party, Ns, "ram:Name"),
            TradingName = Text(party, Ns, "ram:SpecifiedLegalOrganization/ram:TradingBusinessName"),
            VatId = registrations.Where(r => (string?)r.Attribute("schemeID") == "VA").Select(r => r.Value.Trim()).FirstOrDefault(),
            TaxNumber = registrations.Where(r => (string?)r.Attribute("schemeID") == "FC").Select(r => r.Value.Trim()).FirstOrDefault(),
            LegalId = Text(party, Ns, "ram:SpecifiedLegalOrganization/ram:ID"),
            Identifiers = All(party, Ns, "ram:ID").Concat(All(party, Ns, "ram:GlobalID")).Select(i => i.Value.Trim()).ToList(),
            ElectronicAddress = endpoint?.Value.Trim(),
            ElectronicAddressScheme = (string?)endpoint?.Attribute("schemeID"),
            Address = At(party, Ns, "ram:PostalTradeAddress") is { } a ? Address(a) : null,
            Contact = contact is null ? null : new ContactFacts(
                Text(contact, Ns, "ram:PersonName") is { Length: > 0 } person ? person : Text(contact, Ns, "ram:DepartmentName"),
                Text(contact, Ns, "ram:TelephoneUniversalCommunication/ram:CompleteNumber"),
                Text(contact, Ns, "ram:EmailURIUniversalCommunication/ram:URIID")),
        };
    }

    private static AddressFacts Address(XElement a) => new(Text(a, Ns, "ram:LineOne"), Text(a, Ns, "ram:CityName"),
        Text(a, Ns, "ram:PostcodeCode"), Text(a, Ns, "ram:CountryID"));

    private static PaymentMeansFacts PaymentMeans(XElement m, XElement? terms) => new(
        Text(m, Ns, "ram:TypeCode"),
        Text(m, Ns, "ram:PayeePartyCreditorFinancialAccount/ram:IBANID") ?? Text(m, Ns, "ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID"),
        Text(m, Ns, "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID"),
        Text(m, Ns, "ram:PayeePartyCreditorFinancialAccount/ram:AccountName"),
        At(m, Ns, "ram:ApplicableTradeSettlementFinancialCard") is not null,
        At(m, Ns, "ram:PayerPartyDebtorFinancialAccount") is not null,
        Text(terms, Ns, "ram:DirectDebitMandateID"),
        Text(m, Ns, "ram:PayerPartyDebtorFinancialAccount/ram:IBANID"),
        At(m, Ns, "ram:PayeePartyCreditorFinancialAccount") is not null);

    private static VatFacts Vat(XElement? tax, XmlFacts x) => new(
        Text(tax, Ns, "ram:CategoryCode"),
        x.Decimal(At(tax, Ns, "ram:RateApplicablePercent"), "VAT rate"),
        Text(tax, Ns, "ram:ExemptionReason"),
        Text(tax, Ns, "ram:ExemptionReasonCode"));

    private static LineFacts Line(XElement l, XmlFacts x)
    {
        var quantity = At(l, Ns, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity");
        var settlement = At(l, Ns, "ram:SpecifiedLineTradeSettlement");
        var charges = All(settlement, Ns, "ram:SpecifiedTradeAllowanceCharge").ToList();
        decimal Sum(bool charge) => charges.Where(c => UblReader.IsTrue(Text(c, Ns, "ram:ChargeIndicator/udt:Indicator")) == charge)
            .Sum(c => x.Decimal(At(c, Ns, "ram:ActualAmount"), "BT-136/141", amount: true) ?? 0m);
        var price = At(l, Ns, "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice");
        return new LineFacts(
            Text(l, Ns, "ram:AssociatedDocumentLineDocument/ram:LineID"),
            Text(l, Ns, "ram:SpecifiedTradeProduct/ram:Name"),
            x.Decimal(quantity, "BT-129"),
            (string?)quantity?.Attribute("unitCode"),
            x.Decimal(At(price, Ns, "ram:ChargeAmount"), "BT-146"),
            x.Decimal(At(price, Ns, "ram:BasisQuantity"), "BT-149"),
            x.Decimal(At(settlement, Ns, "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"), "BT-131", amount: true),
            Vat(At(settlement, Ns, "ram:ApplicableTradeTax"), x),
            Sum(false), Sum(true),
            Text(l, Ns, "ram:SpecifiedTradeProduct/ram:SellerAssignedID"),
            Text(l, Ns, "ram:SpecifiedTradeProduct/ram:BuyerAssignedID"),
            Text(l, Ns, "ram:SpecifiedTradeProduct/ram:GlobalID"));
    }

    private static AllowanceChargeFacts AllowanceCharge(XElement a, XmlFacts x) => new(
        UblReader.IsTrue(Text(a, Ns, "ram:ChargeIndicator/udt:Indicator")),
        x.Decimal(At(a, Ns, "ram:ActualAmount"), "BT-92/99", amount: true),
        x.Decimal(At(a, Ns, "ram:BasisAmount"), "BT-93/100", amount: true),
        x.Decimal(At(a, Ns, "ram:CalculationPercent"), "BT-94/101"),
        Vat(At(a, Ns, "ram:CategoryTradeTax"), x),
        Text(a, Ns, "ram:Reason"),
        Text(a, Ns, "ram:ReasonCode"));
}
