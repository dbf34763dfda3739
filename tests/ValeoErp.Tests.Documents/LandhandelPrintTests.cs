using System.Text.RegularExpressions;
using NodaTime;
using ValeoErp.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Grain;
using ValeoErp.Domain.Inventory;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Tests.Documents;

/// <summary>Issue 17: the grain Gutschrift prints every settlement step, the delivery note its lots - read back with pdftotext.</summary>
public sealed class LandhandelPrintTests
{
    private static readonly CompanyProfile Company = new()
    {
        LegalName = "Valeo Landhandel GmbH", Address = new Address("Hafenstraße 12", "26789", "Leer", "DE"), VatId = "DE123456789", TaxNumber = "61/200/12345",
        QsId = "4049928100015",
    };

    private static readonly Partner Farmer = new()
    {
        Id = "f1", Number = 815, Roles = [PartnerRole.Customer, PartnerRole.Supplier], Name = "Hof Oltmanns", Address = new Address("Deichweg 7", "26826", "Weener", "DE"),
        TaxNumber = "61/105/55443", TaxTreatment = TaxTreatment.FlatRateFarmer, PaymentTerms = new PaymentTerms(10, 0, 0m),
    };

    [Fact]
    public void Grain_Gutschrift_prints_every_step_from_the_weighbridge_to_the_amount()
    {
        var terms = GrainTerms.Default(Crop.Wheat, 218.00m) with
        {
            StorageFeePerTonne = 1.50m, Quality = [new QualityStep(QualityParameter.Protein, 13m, null, 8.00m)],
        };
        var settlement = GrainSettlement.Compute(28_460m, 13_220m, new GrainSample(16.8m, 3.1m, 77.5m, 13.2m, 290m), terms).Value;
        DocumentLine Line(int no, string text, decimal quantity, decimal price) =>
            new(no, "a1", "GE-7002", text, Domain.Articles.ArticleUnit.T, quantity, price, VatRateCode.FlatRateFarmer, 7.8m, Totals.LineNet(quantity, price));
        var document = TradeDocument.Draft("2026-x", DocumentKind.PurchaseInvoice, Farmer, new LocalDate(2026, 8, 20), new LocalDate(2026, 8, 4),
            [Line(1, "Winterweizen B", 14.586m, 226m), Line(2, "Trocknungskosten", -15.24m, 5.75m), Line(3, "Lagergeld", -15.24m, 1.50m)], "anna", Instant.FromUtc(2026, 8, 20, 9, 0))
            with { SelfBilled = true, ExternalReference = "WS-2026-000001", GrainSettlement = settlement.Lines, Number = "GU-2026-000001" };

        var text = Text("grain-gutschrift", PrintMapping.From(document, Company, Farmer, null));

        text.Should().Contain("Gutschrift GU-2026-000001").And.Contain("Abrechnung Wiegeschein WS-2026-000001");
        text.Should().Contain("Nettogewicht (brutto 28.460 kg − tara 13.220 kg): 15.240 kg");
        text.Should().Contain("Trocknungsschwund 16,8 % → 14,5 %: -410 kg").And.Contain("Manipulationsverlust 0,5 %: -76 kg");
        text.Should().Contain("Besatzabzug über 2 %").And.Contain("-168 kg").And.Contain("Abrechnungsgewicht: 14.586 kg");
        text.Should().Contain("Protein 13,2 %").And.Contain("3.296,44 €").And.Contain("-87,63 €").And.Contain("-22,86 €");
        text.Should().Contain("3.185,95 €").And.Contain("Durchschnittssatzbesteuerung nach § 24 UStG");
    }

    [Fact]
    public void Delivery_note_prints_the_lots_with_expiry_and_the_QS_location_number()
    {
        var line = new DocumentLine(1, "a2", "FU-4001", "Milchleistungsfutter MLF 18/3, lose", Domain.Articles.ArticleUnit.T, 12m, 392m, VatRateCode.Reduced, 7m, 4704m)
        {
            Lots = [new LotQuantity("MF-2611-09", 5m, new LocalDate(2027, 2, 28)), new LotQuantity("MF-2611-07", 7m, new LocalDate(2027, 3, 31))],
        };
        var customer = Farmer with { TaxTreatment = TaxTreatment.Domestic };
        var note = TradeDocument.Draft("2026-y", DocumentKind.DeliveryNote, customer, new LocalDate(2026, 11, 17), new LocalDate(2026, 11, 17), [line], "anna", Instant.FromUtc(2026, 11, 17, 9, 0))
            with
            {
                Number = "LS-2026-000002",
                Compliance = [new Domain.Compliance.ComplianceCheck("qs-feed-id", 1, "FU-4001", null, null, "anna", Instant.FromUtc(2026, 11, 17, 9, 0))],
            };

        var text = Text("delivery-note-lots", PrintMapping.From(note, Company, customer, null));

        text.Should().Contain("Lieferschein LS-2026-000002");
        text.Should().Contain("Charge MF-2611-09: 5 t, MHD 28.02.2027").And.Contain("Charge MF-2611-07: 7 t, MHD 31.03.2027");
        text.Should().Contain("QS-Standortnummer des Lieferanten: 4049928100015");
    }

    private static string Text(string name, PrintDocument doc)
    {
        var path = PdfTools.Save(name, PdfRenderer.Render(doc));
        return Regex.Replace(string.Join("\n", PdfTools.TextPages(path)), @"\s+", " ");
    }
}
