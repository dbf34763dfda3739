using NodaTime;
using ValeoErp.Application.EInvoicing;

namespace ValeoErp.Tests.EInvoicing;

/// <summary>The business cases written in both syntaxes and checked by the XRechnung validator kit.</summary>
public static class EInvoiceCases
{
    private static readonly VatRate Vat19 = VatRate.Standard(19m);
    private static readonly VatRate Vat7 = VatRate.Standard(7m);

    public static readonly Seller Company = new(
        "Landhandel Musterstadt GmbH",
        new PostalAddress("Bahnhofstraße 12", "31785", "Hameln", "DE"),
        new ElectronicAddress("rechnung@landhandel-musterstadt.de"),
        new SellerContact("Anna Buchhalter", "+49 5151 12345-0", "buchhaltung@landhandel-musterstadt.de"),
        VatId: "DE123456789", TaxNumber: "22/201/12345", RegisterId: "HRB 100123",
        LegalInfo: "Sitz Hameln, Amtsgericht Hannover HRB 100123, Geschäftsführer: Karl Korn");

    public static readonly Buyer FarmCustomer = new(
        "Hof Sonnenfeld GbR",
        new PostalAddress("Feldweg 3", "31840", "Hessisch Oldendorf", "DE"),
        new ElectronicAddress("einkauf@hof-sonnenfeld.de"),
        VatId: "DE987654321", ContactName: "Jens Landwirt");

    public static readonly Payment Bank = new("DE75 5121 0800 1245 1261 99", "SOGEDEFFXXX",
        "Landhandel Musterstadt GmbH", new LocalDate(2026, 3, 2), "Zahlbar innerhalb von 30 Tagen netto.");

    private static readonly LocalDate Issued = new(2026, 1, 30);

    public static InvoiceLine Line(string id, string name, decimal qty, string unit, decimal price, VatRate vat,
        LineAllowance? allowance = null) =>
        new(id, name, qty, unit, price,
            EInvoiceTotals.Round2(qty * price - (allowance?.Amount ?? 0m)), vat, allowance, SellerItemId: "A-" + id);

    public static EInvoice Basic(string number, params InvoiceLine[] lines) =>
        new(EInvoiceKind.Invoice, number, Issued, "KD-10042", Company, FarmCustomer, Bank, lines)
        {
            DeliveryDate = new LocalDate(2026, 1, 28),
            OrderReference = "AB-2026-000815",
        };

    public static IReadOnlyList<(string Name, EInvoice Invoice)> All() =>
    [
        ("01-mixed-19-7", Basic("RE-2026-000101",
            Line("1", "Milchleistungsfutter 18/4 (lose)", 2.5m, "TNE", 389.00m, Vat7),
            Line("2", "Kalkammonsalpeter 27 % N", 1.2m, "TNE", 412.50m, Vat19),
            Line("3", "Mineralfutter 25 kg", 4m, "XBG", 31.90m, Vat19))),

        ("02-skonto", Basic("RE-2026-000102",
            Line("1", "Saatgut Winterweizen Z-Saatgut", 12m, "XBG", 58.75m, Vat7),
            Line("2", "Pflanzenschutz Herbizid 5 l", 3m, "H87", 129.00m, Vat19)) with
        {
            Payment = Bank with
            {
                TermsText = "Zahlbar innerhalb von 30 Tagen ohne Abzug, innerhalb von 14 Tagen mit 2 % Skonto.",
                Skonto = [new SkontoTerm(14, 2.00m), new SkontoTerm(7, 3.00m, BaseAmount: 100.00m)],
            },
        }),

        ("03-credit-note", Basic("GS-2026-000007",
            Line("1", "Rückgabe Mineralfutter 25 kg (beschädigt)", 2m, "XBG", 31.90m, Vat19)) with
        {
            Kind = EInvoiceKind.CreditNote,
            Preceding = new PrecedingInvoice("RE-2026-000101", new LocalDate(2026, 1, 30)),
            Notes = ["Gutschrift zur Rechnung RE-2026-000101 wegen Transportschaden."],
            Payment = Bank with { DueDate = new LocalDate(2026, 2, 14), TermsText = "Der Betrag wird Ihnen überwiesen." },
        }),

        ("04-gutschrift-par24-farmer", FarmerSettlement("RG-2026-000031", VatRate.Standard(7.8m),
            new LocalDate(2025, 8, 12), "Pauschalierender Landwirt: Durchschnittssatz 7,8 % nach § 24 Abs. 1 Nr. 3 UStG.")),

        ("05-gutschrift-par24-2024-rate", FarmerSettlement("RG-2025-000002", VatRate.Standard(8.4m),
            new LocalDate(2024, 12, 10), "Pauschalierender Landwirt: Durchschnittssatz 8,4 % nach § 24 Abs. 1 Nr. 3 UStG.")),

        // Issue 17: the grain settlement as the product writes it - goods at the settled weight, drying and storage as
        // lines with negative quantity and positive price (BR-27 forbids negative prices), all at the §24 rate.
        ("05b-grain-settlement-negative-deductions", FarmerSettlement("GU-2026-000001", VatRate.Standard(7.8m),
            new LocalDate(2026, 8, 4), "Abrechnung Wiegeschein WS-2026-000001.") with
        {
            Lines =
            [
                Line("1", "Winterweizen B, Abrechnungsgewicht lt. Wiegeschein WS-2026-000001", 14.586m, "TNE", 226.00m, VatRate.Standard(7.8m)),
                Line("2", "Trocknungskosten 15,240 t × 2,3 Punkte × 2,50 EUR je t und Punkt", -15.24m, "TNE", 5.75m, VatRate.Standard(7.8m)),
                Line("3", "Lagergeld 15,240 t × 1,50 EUR/t", -15.24m, "TNE", 1.50m, VatRate.Standard(7.8m)),
            ],
        }),

        ("06-reverse-charge-ae", Basic("RE-2026-000106",
            Line("1", "Trocknung und Reinigung Lohnarbeit", 48.5m, "TNE", 18.00m, VatRate.ReverseCharge)) with
        {
            Buyer = Foreign("Agrar Handels GmbH", "AT", "Hauptplatz 1", "4020", "Linz", "ATU12345678"),
            Notes = ["Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)."],
        }),

        ("07-intra-eu-k", Basic("RE-2026-000107",
            Line("1", "Braugerste Sommer 2025", 25.38m, "TNE", 241.00m, VatRate.IntraCommunity),
            Line("2", "Futterweizen", 24.9m, "TNE", 198.50m, VatRate.IntraCommunity)) with
        {
            Buyer = Foreign("Graanhandel Oost B.V.", "NL", "Havenweg 10", "7500 AA", "Enschede", "NL123456789B01"),
            DeliverTo = new PostalAddress("Silo Havenweg 12", "7500 AA", "Enschede", "NL"),
        }),

        ("08-export-g", Basic("RE-2026-000108",
            Line("1", "Saatkartoffeln Linda", 8m, "TNE", 520.00m, VatRate.Export)) with
        {
            Buyer = Foreign("Landi Muster Genossenschaft", "CH", "Dorfstrasse 5", "8500", "Frauenfeld", null),
        }),

        ("09-leitweg-id", Basic("RE-2026-000109",
            Line("1", "Streusalz 25 kg", 40m, "XBG", 8.95m, Vat19),
            Line("2", "Rasensaat Sportplatz", 50m, "KGM", 6.40m, Vat7)) with
        {
            BuyerReference = "04011000-12345-34",
            Buyer = new Buyer("Stadt Hameln - Bauhof", new PostalAddress("Rathausplatz 1", "31785", "Hameln", "DE"),
                new ElectronicAddress("04011000-12345-34", "0204")),
            OrderReference = "BH-2026-17",
        }),

        ("10-line-allowance", Basic("RE-2026-000110",
            Line("1", "Weidezaundraht 400 m", 10m, "H87", 49.90m, Vat19, new LineAllowance(24.95m, "Mengenrabatt 5 %", "95")),
            Line("2", "Heulage-Ballen", 30m, "H87", 42.00m, Vat7))),

        ("11-sixty-lines", Basic("RE-2026-000111", SixtyLines())),

        ("12-tax-number-only", Basic("RE-2026-000112",
            Line("1", "Hofladen-Kartoffeln 12,5 kg", 20m, "XBG", 11.50m, Vat7)) with
        {
            Seller = Company with { VatId = null, Name = "Landhandel Musterstadt e.K." },
        }),

        ("13-doc-allowance-charge", Basic("RE-2026-000113",
            Line("1", "Diesel", 1500m, "LTR", 1.4235m, Vat19),
            Line("2", "Legehennenfutter", 3m, "TNE", 455.00m, Vat7)) with
        {
            AllowancesCharges =
            [
                new DocumentAllowanceCharge(false, 40.00m, "Treuerabatt", Vat7, "95"),
                new DocumentAllowanceCharge(true, 35.00m, "Frachtpauschale", Vat19, "FC"),
            ],
        }),

        ("14-invoicing-period-exempt", Basic("RE-2026-000114",
            Line("1", "Lagergeld Getreide Dezember", 120m, "TNE", 2.10m, Vat19),
            Line("2", "Verpachtung Lagerfläche", 1m, "MON", 450.00m,
                new VatRate(VatCategory.E, 0m, "Steuerfreie Vermietung nach § 4 Nr. 12 UStG", "VATEX-EU-132-1L"))) with
        {
            DeliveryDate = null,
            Period = new InvoicingPeriod(new LocalDate(2025, 12, 1), new LocalDate(2025, 12, 31)),
        }),

        ("15-rounding-half-away", Basic("RE-2026-000115",
            Line("1", "Kabelbinder", 1m, "H87", 1.50m, Vat19),
            Line("2", "Bindegarn", 3m, "H87", 0.35m, Vat7))),

        ("16-zero-rated-z", Basic("RE-2026-000116",
            Line("1", "Photovoltaik-Modul 430 Wp (Nullsteuersatz § 12 Abs. 3 UStG)", 20m, "H87", 118.00m, new VatRate(VatCategory.Z, 0m)),
            Line("2", "Montagematerial", 1m, "H87", 245.60m, Vat19))),
    ];

    private static EInvoice FarmerSettlement(string number, VatRate rate, LocalDate delivered, string note)
    {
        var farmer = new Seller("Heinrich Ackermann", new PostalAddress("Dorfstraße 7", "31855", "Aerzen", "DE"),
            new ElectronicAddress("h.ackermann@example.de"),
            new SellerContact("Heinrich Ackermann", "+49 5154 9876", "h.ackermann@example.de"),
            VatId: null, TaxNumber: "22/150/54321", Identifier: "276031234567890");
        var us = new Buyer(Company.Name, Company.Address, Company.ElectronicAddress, Company.VatId, "Anna Buchhalter");
        var wheat = Line("1", "Brotweizen E-Sorte, Abrechnungsgewicht nach Trocknung", 28.734m, "TNE", 214.50m, rate,
            new LineAllowance(86.20m, "Trocknungskosten 2,5 Punkte x 1,20 EUR/t"));
        var premium = Line("2", "Proteinzuschlag", 28.734m, "TNE", 4.00m, rate);
        return new EInvoice(EInvoiceKind.SelfBilled, number, delivered.PlusDays(5), "LF-20417", farmer, us,
            new Payment("DE12 5001 0517 0648 4898 90", null, "Heinrich Ackermann", delivered.PlusDays(19),
                "Der Betrag wird innerhalb von 14 Tagen auf Ihr Konto überwiesen.", RemittanceInformation: number),
            [wheat, premium])
        {
            DeliveryDate = delivered,
            Notes = [note, "Annahmeschein 2025-4711, Feuchte 16,5 %, Besatz 1,2 %."],
        };
    }

    private static Buyer Foreign(string name, string country, string street, string zip, string city, string? vat) =>
        new(name, new PostalAddress(street, zip, city, country), new ElectronicAddress("invoice@" + country.ToLowerInvariant() + "-buyer.example"),
            VatId: vat);

    private static InvoiceLine[] SixtyLines()
    {
        string[] units = ["TNE", "KGM", "LTR", "H87", "XBG"];
        return Enumerable.Range(1, 60).Select(i => Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Artikel {i:000}", 1.5m + i * 0.25m, units[i % units.Length], 3.17m + i * 1.13m,
            i % 3 == 0 ? Vat19 : Vat7)).ToArray();
    }
}
