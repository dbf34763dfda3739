using System.Diagnostics;
using System.Text.RegularExpressions;
using ValeoErp.Documents;

namespace ValeoErp.Tests.Documents;

/// <summary>
/// Renders the documents, extracts the text with pdftotext -layout and checks every §14 (4) UStG item is printed;
/// the QR code is decoded from a rendered page with zbarimg.
/// </summary>
public sealed class PdfRendererTests
{
    private static (string Path, string[] Pages, string Text) Render(string name, PrintDocument doc)
    {
        var watch = Stopwatch.StartNew();
        PdfRenderer.Render(doc); // warm-up: font loading, JIT (the first render in the process pays for it)
        var cold = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var pdf = PdfRenderer.Render(doc);
        watch.Stop();
        File.AppendAllText(Path.Combine(PdfTools.Folder, "render-times.txt"), $"{name}: {watch.Elapsed.TotalMilliseconds:0.0} ms warm, {cold:0.0} ms first call, {pdf.Length} bytes\n");
        pdf.AsSpan(0, 5).ToArray().Should().Equal("%PDF-"u8.ToArray());
        var path = PdfTools.Save(name, pdf);
        var pages = PdfTools.TextPages(path);
        return (path, pages, Normalize(string.Join("\n", pages)));
    }

    /// <summary>pdftotext pads columns with spaces and wraps paragraphs: collapse all whitespace so phrases match.</summary>
    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ");

    private static void ShouldHaveParty(string text, PrintDocument doc)
    {
        text.Should().Contain(doc.Issuer.LegalName).And.Contain(doc.Issuer.Address.Street)
            .And.Contain($"{doc.Issuer.Address.PostalCode} {doc.Issuer.Address.City}");
        text.Should().Contain(doc.Recipient.Name).And.Contain(doc.Recipient.Address.Street)
            .And.Contain($"{doc.Recipient.Address.PostalCode} {doc.Recipient.Address.City}");
        text.Should().Contain("USt-IdNr.: DE123456789").And.Contain("Steuernr.: 61/200/12345");
        text.Should().Contain("Amtsgericht Aurich HRB 201234").And.Contain("Anna Meyer, Jan Schulte");
        text.Should().Contain("IBAN: DE89 3704 0044 0532 0130 00").And.Contain("BIC: COBADEFFXXX");
        text.Should().Contain(doc.Number).And.Contain("01.12.2026");
    }

    private static void ShouldHaveTaxes(string text, PrintDocument doc)
    {
        foreach (var t in doc.TaxBreakdown)
            text.Should().MatchRegex($@"{RateRegex(t.Rate)} {Regex.Escape(Money(t.Net))} {Regex.Escape(Money(t.Tax))}",
                $"the breakdown line for {t.Rate} % shows rate, net and tax");
        text.Should().Contain("Summe netto " + Money(doc.Totals!.Net)).And.Contain("Umsatzsteuer " + Money(doc.Totals.Tax));
        text.Should().Contain(Money(doc.Totals.Gross));
    }

    private static string Money(decimal v) => v.ToString("#,##0.00", new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." }) + " €";
    /// <summary>pdftotext sometimes drops the narrow gap in "7 %" (it guesses spaces from glyph positions).</summary>
    private static string RateRegex(decimal v) => Regex.Escape(v.ToString("0.##", new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = "," })) + " ?%";

    [Fact]
    public void Invoice_with_19_and_7_percent_Skonto_and_QR_shows_every_section_14_item()
    {
        var doc = Samples.MixedInvoice();
        var (path, pages, text) = Render("invoice-sample", doc);

        pages.Should().HaveCount(1);
        ShouldHaveParty(text, doc);
        text.Should().Contain("Rechnung RE-2026-000123").And.Contain("Lieferdatum 27.11.2026");
        text.Should().Contain("12,5 t").And.Contain("Kalkammonsalpeter 27 % N, lose").And.Contain("2,275 t").And.Contain("40 Sack");
        text.Should().Contain("389,90 €").And.Contain("4.873,75 €"); // unit price and line net 12,5 t x 389,90
        doc.TaxBreakdown.Select(t => t.Rate).Should().Equal(19m, 7m);
        ShouldHaveTaxes(text, doc);
        text.Should().Contain("Gesamtbetrag " + Money(doc.Totals!.Gross));
        var skonto = doc.Payment!.SkontoAmount!.Value;
        text.Should().Contain("Zahlbar bis zum 31.12.2026 ohne Abzug").And.Contain("Bei Zahlung bis zum 15.12.2026 gewähren wir 2 % Skonto")
            .And.Contain($"({Money(skonto)}), Zahlbetrag {Money(doc.Totals.Gross - skonto)}");
        text.Should().Contain("Seite 1 von 1").And.Contain("Beleg online prüfen");

        var png = PdfTools.PagePng(path, 1, 150, Path.Combine(PdfTools.Folder, "invoice-sample-p1"));
        PdfTools.DecodeQr(png).Should().Be(Samples.Url);
    }

    [Fact]
    public void Sixty_lines_paginate_with_repeated_header_carried_total_and_page_numbers()
    {
        var doc = Samples.LongInvoice();
        var (_, pages, text) = Render("invoice-60-lines", doc);

        pages.Length.Should().BeGreaterThanOrEqualTo(2);
        for (var i = 0; i < pages.Length; i++)
        {
            var page = Normalize(pages[i]);
            page.Should().Contain($"Seite {i + 1} von {pages.Length}");
            page.Should().Contain("Pos. Art.-Nr. Bezeichnung Menge Einheit Einzelpreis USt Gesamt", $"the table header repeats on page {i + 1}");
        }
        for (var i = 0; i < pages.Length - 1; i++)
        {
            var carried = doc.Lines.Where(l => Normalize(string.Join("\n", pages.Take(i + 1))).Contains($" {l.ArticleNumber} ")).Sum(l => l.Net!.Value);
            carried.Should().BeGreaterThan(0);
            Regex.Matches(Normalize(pages[i]), $"Übertrag {Regex.Escape(Money(carried))}").Should().HaveCount(1, $"page {i + 1} ends with the carried total");
            Regex.Matches(Normalize(pages[i + 1]), $"Übertrag {Regex.Escape(Money(carried))}").Should().HaveCount(1, $"page {i + 2} starts with it");
        }
        foreach (var line in doc.Lines) text.Should().Contain($" {line.ArticleNumber} ");
        text.Should().Contain("Leistungszeitraum 01.11.2026 – 30.11.2026");
        ShouldHaveParty(text, doc);
        ShouldHaveTaxes(text, doc);
    }

    [Fact]
    public void Self_billed_credit_note_for_a_flat_rate_farmer_is_labelled_Gutschrift()
    {
        var doc = Samples.FarmerCreditNote();
        var (_, _, text) = Render("farmer-gutschrift", doc);

        text.Should().Contain("Gutschrift GS-2026-000017").And.Contain("Gutschrift im Sinne des § 14 Abs. 2 Satz 2 UStG");
        text.Should().NotContain("Rechnungskorrektur");
        text.Should().Contain("Durchschnittssatzbesteuerung nach § 24 UStG");
        text.Should().Contain("Ihre Steuernr. 61/105/55443", "the supplying farmer's tax number is a §14 item on a Gutschrift");
        text.Should().Contain("Lieferdatum 14.08.2026").And.Contain("24,36 t").And.Contain("Winterweizen B");
        ShouldHaveParty(text, doc);
        ShouldHaveTaxes(text, doc);
        text.Should().MatchRegex("7,8 ?%").And.Contain("Gutschriftsbetrag " + Money(doc.Totals!.Gross));
    }

    [Fact]
    public void Reverse_charge_invoice_shows_the_note_and_the_customers_VAT_id()
    {
        var doc = Samples.ReverseChargeInvoice();
        var (_, _, text) = Render("invoice-reverse-charge", doc);

        text.Should().Contain("Steuerschuldnerschaft des Leistungsempfängers");
        text.Should().Contain("Ihre USt-IdNr. NL123456789B01").And.Contain("NIEDERLANDE").And.Contain("9681 AB Midwolda");
        text.Should().Contain("Saatgutaufbereitung im Lohn").And.Contain("25 t").And.Contain("Lieferdatum 30.11.2026");
        ShouldHaveParty(text, doc);
        ShouldHaveTaxes(text, doc);
        text.Should().MatchRegex("0 ?% 2.285,00 € 0,00 €");
    }

    [Fact]
    public void Delivery_note_lists_quantities_without_prices()
    {
        var doc = Samples.DeliveryNote();
        var (_, pages, text) = Render("delivery-note", doc);

        pages.Should().HaveCount(1);
        text.Should().Contain("Lieferschein LS-2026-000310").And.Contain("Pos. Art.-Nr. Bezeichnung Menge Einheit");
        text.Should().Contain("12,5 t").And.Contain("40 Sack").And.Contain("Saatweizen Asory Z-Saatgut, Charge 26-118");
        text.Should().Contain("Lieferdatum 01.12.2026").And.Contain("QS-ID 4260000000017").And.Contain("Datum, Unterschrift");
        text.Should().NotContain("€").And.NotContain("Übertrag").And.NotContain("Einzelpreis");
        ShouldHaveParty(text, doc);
    }

    [Fact]
    public void Same_document_renders_to_the_same_text()
    {
        var doc = Samples.MixedInvoice();
        var a = PdfTools.TextPages(PdfTools.Save("determinism-a", PdfRenderer.Render(doc)));
        var b = PdfTools.TextPages(PdfTools.Save("determinism-b", PdfRenderer.Render(doc)));
        a.Should().Equal(b);
    }

    [Fact]
    public void Correction_of_an_invoice_is_titled_Rechnungskorrektur_and_names_the_invoice()
    {
        var doc = Samples.WithTotals(Samples.MixedInvoice() with
        {
            Kind = PrintKind.CreditNote, Number = "RK-2026-000009", Corrects = new PrintCorrectedInvoice("RE-2026-000123", new NodaTime.LocalDate(2026, 11, 20)),
            Lines = [Samples.Line(1, "D-1001", "Preisnachlass Kalkammonsalpeter (Qualitätsmangel)", 12.5m, "t", -20m, 19m)],
            VerificationUrl = null, Payment = new PrintPaymentTerms(Samples.Date.PlusDays(14)),
        });
        var (_, _, text) = Render("credit-note", doc);

        text.Should().Contain("Rechnungskorrektur RK-2026-000009").And.Contain("zur Rechnung Nr. RE-2026-000123 vom 20.11.2026");
        text.Should().Contain("Korrekturbetrag " + Money(doc.Totals!.Gross)).And.NotContain("Gutschrift");
        ShouldHaveParty(text, doc);
        ShouldHaveTaxes(text, doc);
    }

    [Fact]
    public void Missing_fonts_fail_with_the_package_to_install()
    {
        var act = () => new DejaVuFontResolver("/nonexistent/fonts");
        act.Should().Throw<InvalidOperationException>().WithMessage("*DejaVuSans.ttf*fonts-dejavu-core*");
    }
}
