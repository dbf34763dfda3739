using ValeoErp.Application.EInvoicing;
using static ValeoErp.Tests.EInvoicing.EInvoiceCases;

namespace ValeoErp.Tests.EInvoicing;

public sealed class EInvoiceUnitTests
{
    private static readonly VatRate Vat19 = VatRate.Standard(19m);
    private static readonly VatRate Vat7 = VatRate.Standard(7m);

    [Fact]
    public void Totals_follow_EN16931_per_rate_with_document_allowances_and_charges()
    {
        var invoice = Basic("T-1", Line("1", "a", 2m, "H87", 10.00m, Vat19), Line("2", "b", 3m, "KGM", 5.55m, Vat7)) with
        {
            AllowancesCharges = [new DocumentAllowanceCharge(false, 1.65m, "Rabatt", Vat7), new DocumentAllowanceCharge(true, 5.00m, "Fracht", Vat19)],
        };
        var t = EInvoiceTotals.Compute(invoice);
        t.LineTotal.Should().Be(36.65m);
        t.AllowanceTotal.Should().Be(1.65m);
        t.ChargeTotal.Should().Be(5.00m);
        t.TaxBasis.Should().Be(40.00m);
        t.Breakdown.Should().BeEquivalentTo(new[]
        {
            new VatBreakdown(Vat19, 25.00m, 4.75m),
            new VatBreakdown(Vat7, 15.00m, 1.05m),
        }, o => o.WithStrictOrdering());
        t.TaxTotal.Should().Be(5.80m);
        t.GrandTotal.Should().Be(45.80m);
        t.Payable.Should().Be(45.80m);
    }

    [Fact]
    public void Tax_is_rounded_half_away_from_zero_per_rate_not_per_line()
    {
        // 19 % of 1.50 = 0.285: banker's rounding would give 0.28.
        EInvoiceTotals.Compute(Basic("T-2", Line("1", "a", 1m, "H87", 1.50m, Vat19))).TaxTotal.Should().Be(0.29m);
        // Three lines of 0.35 at 7 %: per line 0.02 x 3 = 0.06; per rate round(1.05 x 7 %) = 0.07.
        var lines = Enumerable.Range(1, 3).Select(i => Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "b", 1m, "H87", 0.35m, Vat7)).ToArray();
        EInvoiceTotals.Compute(Basic("T-3", lines)).TaxTotal.Should().Be(0.07m);
    }

    [Fact]
    public void Par24_average_rate_is_category_S_with_that_rate()
    {
        var (_, invoice) = All().Single(c => c.Name == "04-gutschrift-par24-farmer");
        var t = EInvoiceTotals.Compute(invoice);
        t.Breakdown.Should().ContainSingle().Which.Vat.Should().Be(VatRate.Standard(7.8m));
        t.TaxTotal.Should().Be(EInvoiceTotals.Round2(t.TaxBasis * 0.078m));
        var cii = CiiWriter.Write(invoice);
        cii.Descendants(CiiWriter.Ram + "TypeCode").First().Value.Should().Be("389");
        cii.Descendants(CiiWriter.Ram + "RateApplicablePercent").Select(e => e.Value).Should().AllBe("7.8");
        UblWriter.Write(invoice).Root!.Element(UblWriter.Cbc + "Note")!.Value.Should().Be("Gutschrift");
    }

    [Fact]
    public void Skonto_terms_use_the_XRechnung_syntax_one_line_each_with_line_feed()
    {
        var payment = Bank with
        {
            TermsText = "Zahlbar in 30 Tagen.",
            Skonto = [new SkontoTerm(14, 2m), new SkontoTerm(7, 3.5m, 1234.5m)],
        };
        XmlFormat.PaymentTerms(payment).Should().Be(
            "Zahlbar in 30 Tagen.\n#SKONTO#TAGE=14#PROZENT=2.00#\n#SKONTO#TAGE=7#PROZENT=3.50#BASISBETRAG=1234.50#\n");
        FluentActions.Invoking(() => XmlFormat.SkontoLine(new SkontoTerm(14, 2.125m))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Credit_note_is_a_UBL_CreditNote_referencing_the_invoice()
    {
        var (_, invoice) = All().Single(c => c.Name == "03-credit-note");
        var ubl = UblWriter.Write(invoice);
        ubl.Root!.Name.LocalName.Should().Be("CreditNote");
        ubl.Descendants(UblWriter.Cac + "InvoiceDocumentReference").Single().Element(UblWriter.Cbc + "ID")!.Value.Should().Be("RE-2026-000101");
        ubl.Descendants(UblWriter.Cbc + "CreditedQuantity").Should().ContainSingle();
        var cii = CiiWriter.Write(invoice);
        cii.Descendants(CiiWriter.Ram + "InvoiceReferencedDocument").Single().Value.Should().StartWith("RE-2026-000101");
    }

    [Fact]
    public void Inconsistent_documents_are_refused()
    {
        var wrongNet = Basic("T-4", new InvoiceLine("1", "a", 3m, "H87", 1.11m, 3.34m, Vat19));
        FluentActions.Invoking(() => UblWriter.Write(wrongNet)).Should().Throw<EInvoiceException>()
            .Which.Problems.Should().ContainSingle(p => p.Contains("line 1"));

        var reverseChargeWithoutBuyerVat = Basic("T-5", Line("1", "a", 1m, "H87", 10m, VatRate.ReverseCharge)) with
        {
            Buyer = FarmCustomer with { VatId = null },
        };
        FluentActions.Invoking(() => CiiWriter.Write(reverseChargeWithoutBuyerVat)).Should().Throw<EInvoiceException>()
            .Which.Problems.Should().Contain(p => p.Contains("BR-AE-02"));

        var creditWithoutReference = Basic("T-6", Line("1", "a", 1m, "H87", 10m, Vat19)) with { Kind = EInvoiceKind.CreditNote };
        EInvoiceChecks.Problems(creditWithoutReference).Should().Contain(p => p.Contains("BG-3"));
    }

    [Fact]
    public void Writers_are_deterministic_and_carry_the_XRechnung_30_identifier()
    {
        var invoice = Basic("T-7", Line("1", "a", 1m, "H87", 10m, Vat19));
        UblWriter.Write(invoice).ToString().Should().Be(UblWriter.Write(invoice).ToString());
        UblWriter.Write(invoice).Root!.Element(UblWriter.Cbc + "CustomizationID")!.Value.Should().Be(EInvoice.XRechnung30);
        CiiWriter.Write(invoice).Descendants(CiiWriter.Ram + "GuidelineSpecifiedDocumentContextParameter").Single().Value
            .Should().Be("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");
    }
}
