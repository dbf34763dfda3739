using PdfSharp.Drawing;
using QRCoder;
using static ValeoErp.Documents.Styles;
using static ValeoErp.Documents.TextLayout;

namespace ValeoErp.Documents;

/// <summary>
/// The block under the table, kept together on the last page: VAT breakdown per rate (left) and totals (right),
/// payment terms with Skonto, bank details, the notes that apply, a remark, and the QR code with its caption.
/// One method lays out and draws, so measuring (draw: false) and drawing can never disagree.
/// </summary>
internal sealed class Summary(PrintDocument doc, Styles s)
{
    private static readonly double QrSize = Mm(26);
    private static readonly double Gap = Mm(4);

    public double Measure(XGraphics g) => Layout(g, 0, draw: false);

    public double Draw(XGraphics g, double y) => Layout(g, y, draw: true);

    private double Layout(XGraphics g, double y, bool draw)
    {
        y += Gap;
        if (Formats.HasPrices(doc) && doc.Totals is { } totals)
            y = Math.Max(Breakdown(g, y, draw), Totals(g, y, totals, draw)) + Gap;

        var hasQr = !string.IsNullOrWhiteSpace(doc.VerificationUrl);
        var textWidth = hasQr ? Geometry.Width - QrSize - Mm(8) : Geometry.Width;
        var top = y;
        foreach (var (text, font) in Paragraphs())
        {
            var lines = Wrap(g, text, font, textWidth);
            y = draw ? TextLayout.Draw(g, lines, font, s.Ink, Geometry.Left, y, textWidth) : y + lines.Count * LineHeight(font);
            y += Mm(1.5);
        }
        if (doc.Kind == PrintKind.DeliveryNote) y = Signature(g, y + Mm(8), draw);
        if (hasQr) y = Math.Max(y, Qr(g, top, draw));
        return y;
    }

    private double Breakdown(XGraphics g, double y, bool draw)
    {
        double x = Geometry.Left, rateW = Mm(20), amountW = Mm(28);
        var lh = LineHeight(s.Text) + Mm(0.8);
        if (draw)
        {
            Cell(g, "USt-Satz", s.TextBold, s.Ink, x, y, rateW, false);
            Cell(g, "Nettobetrag", s.TextBold, s.Ink, x + rateW, y, amountW, true);
            Cell(g, "USt-Betrag", s.TextBold, s.Ink, x + rateW + amountW, y, amountW, true);
            g.DrawLine(s.Hairline, x, y + lh - Mm(0.4), x + rateW + 2 * amountW, y + lh - Mm(0.4));
        }
        y += lh;
        foreach (var t in doc.TaxBreakdown)
        {
            if (draw)
            {
                Cell(g, Formats.Rate(t.Rate), s.Text, s.Ink, x, y, rateW, false);
                Cell(g, Formats.Money(t.Net), s.Text, s.Ink, x + rateW, y, amountW, true);
                Cell(g, Formats.Money(t.Tax), s.Text, s.Ink, x + rateW + amountW, y, amountW, true);
            }
            y += lh;
        }
        return y;
    }

    private double Totals(XGraphics g, double y, PrintTotals totals, bool draw)
    {
        double labelX = Mm(118), labelW = Mm(42), amountX = Mm(160), amountW = Geometry.Right - Mm(160);
        var lh = LineHeight(s.Text) + Mm(0.8);
        var grossLabel = doc.Kind == PrintKind.CreditNote ? (doc.SelfBilled ? "Gutschriftsbetrag" : "Korrekturbetrag") : "Gesamtbetrag";
        (string Label, decimal Amount, bool Bold)[] rows =
        [
            ("Summe netto", totals.Net, false), ("Umsatzsteuer", totals.Tax, false), (grossLabel, totals.Gross, true),
        ];
        foreach (var (label, amount, bold) in rows)
        {
            if (draw)
            {
                if (bold) g.DrawLine(s.Rule, labelX, y, Geometry.Right, y);
                var font = bold ? s.TextBold : s.Text;
                Cell(g, label, font, s.Ink, labelX, y + (bold ? Mm(0.8) : 0), labelW, false);
                Cell(g, Formats.Money(amount), font, s.Ink, amountX, y + (bold ? Mm(0.8) : 0), amountW, true);
            }
            y += lh + (bold ? Mm(0.8) : 0);
        }
        return y;
    }

    private IEnumerable<(string Text, XFont Font)> Paragraphs()
    {
        if (PaymentText() is { } payment) yield return (payment, s.Text);
        if (BankText() is { } bank) yield return (bank, s.Text);
        foreach (var note in doc.Notes.Distinct()) yield return (Formats.Note(note), s.TextBold);
        if (!string.IsNullOrWhiteSpace(doc.Remark)) yield return (doc.Remark, s.Text);
    }

    private string? PaymentText()
    {
        if (doc.Payment is not { } p || doc.Totals is not { } t || !Formats.HasPrices(doc)) return null;
        if (doc.Kind == PrintKind.CreditNote)
            return p.DueDate is { } refund
                ? $"Den Betrag von {Formats.Money(t.Gross)} überweisen wir bis zum {Formats.Date(refund)} auf Ihr Konto."
                : null;
        var text = p.DueDate is { } due ? $"Zahlbar bis zum {Formats.Date(due)} ohne Abzug." : "";
        if (p is { SkontoPercent: { } pct, SkontoAmount: { } amount, SkontoUntil: { } until })
            text += $" Bei Zahlung bis zum {Formats.Date(until)} gewähren wir {Formats.Rate(pct)} Skonto " +
                    $"({Formats.Money(amount)}), Zahlbetrag {Formats.Money(t.Gross - amount)}.";
        return text.Trim() is { Length: > 0 } result ? result : null;
    }

    private string? BankText()
    {
        if (doc.Kind is not (PrintKind.Invoice or PrintKind.OrderConfirmation) || doc.Issuer.BankAccounts.Count == 0) return null;
        var b = doc.Issuer.BankAccounts[0];
        var bank = b.BankName is null ? "" : b.BankName + ", ";
        var bic = b.Bic is null ? "" : $", BIC {b.Bic}";
        return $"Bankverbindung: {bank}IBAN {Footer.Iban(b.Iban)}{bic}. Bitte geben Sie die {Formats.NumberLabel(doc)} {doc.Number} an.";
    }

    private double Signature(XGraphics g, double y, bool draw)
    {
        if (draw)
        {
            Cell(g, "Ware vollständig und in einwandfreiem Zustand erhalten:", s.Text, s.Ink, Geometry.Left, y, Geometry.Width, false);
            var lineY = y + Mm(12);
            g.DrawLine(s.Hairline, Geometry.Left, lineY, Geometry.Left + Mm(70), lineY);
            Cell(g, "Datum, Unterschrift", s.Small, s.Grey, Geometry.Left, lineY + Mm(0.5), Mm(70), false);
        }
        return y + Mm(16);
    }

    private double Qr(XGraphics g, double top, bool draw)
    {
        var x = Geometry.Right - QrSize;
        var caption = Wrap(g, "Beleg online prüfen (QR-Code scannen)", s.Tiny, QrSize);
        if (draw)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(doc.VerificationUrl!, QRCodeGenerator.ECCLevel.M);
            // Vector modules from the matrix (quiet zone included), each row's dark runs as rectangles of one filled
            // path: sharp at any zoom, no seams between modules, and no PNG to encode and decode on every posting.
            var matrix = data.ModuleMatrix;
            var module = QrSize / matrix.Count;
            var path = new XGraphicsPath { FillMode = XFillMode.Winding };
            for (var row = 0; row < matrix.Count; row++)
            {
                var bits = matrix[row];
                for (var col = 0; col < bits.Length; col++)
                {
                    if (!bits[col]) continue;
                    var start = col;
                    while (col + 1 < bits.Length && bits[col + 1]) col++;
                    path.AddRectangle(x + start * module, top + row * module, (col - start + 1) * module, module);
                }
            }
            g.DrawPath(XBrushes.Black, path);
            TextLayout.Draw(g, caption, s.Tiny, s.Grey, x, top + QrSize + Mm(0.5), QrSize, XStringFormats.TopCenter);
        }
        return top + QrSize + Mm(0.5) + caption.Count * LineHeight(s.Tiny);
    }
}
