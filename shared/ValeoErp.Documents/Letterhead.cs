using PdfSharp.Drawing;
using static ValeoErp.Documents.Styles;
using static ValeoErp.Documents.TextLayout;

namespace ValeoErp.Documents;

/// <summary>
/// Page 1: letterhead (logo, issuer), fold and punch marks, the DIN 5008 form B address window (20 mm from the
/// left, 45 mm from the top, 85 x 45 mm: return line in the top zone, recipient from 62.7 mm), the information
/// block on the right and the title. Follow-up pages get a one-line header.
/// </summary>
internal sealed class Letterhead(PrintDocument doc, Styles s)
{
    private static readonly double InfoLabelX = Mm(119);
    private static readonly double InfoValueX = Mm(147);
    private static readonly double TitleTop = Mm(100);

    public void DrawFirstPage(XGraphics g)
    {
        DrawIssuer(g);
        DrawMarks(g);
        DrawAddressWindow(g);
        DrawInfoBlock(g);
        DrawTitle(g);
    }

    private void DrawIssuer(XGraphics g)
    {
        var issuer = doc.Issuer;
        var textWidth = Geometry.Width;
        if (issuer.LogoPng is { Length: > 0 } png)
        {
            using var logo = XImage.FromStream(new MemoryStream(png));
            double maxW = Mm(50), maxH = Mm(22);
            var scale = Math.Min(maxW / logo.PointWidth, maxH / logo.PointHeight);
            double w = logo.PointWidth * scale, h = logo.PointHeight * scale;
            g.DrawImage(logo, Geometry.Right - w, Mm(12), w, h);
            textWidth -= maxW + Mm(5);
        }
        var y = Draw(g, Wrap(g, issuer.LegalName, s.Issuer, textWidth), s.Issuer, s.Ink, Geometry.Left, Mm(14), textWidth);
        var a = issuer.Address;
        var contact = string.Join(" · ", new[] { issuer.ContactPhone is { } p ? "Tel. " + p : null, issuer.ContactEmail }.Where(x => x is not null));
        Draw(g, Wrap(g, $"{a.Street} · {a.PostalCode} {a.City}", s.Info, textWidth), s.Info, s.Grey, Geometry.Left, y + Mm(1), textWidth);
        if (contact.Length > 0)
            Cell(g, contact, s.Info, s.Grey, Geometry.Left, y + Mm(1) + LineHeight(s.Info), textWidth, false);
    }

    private void DrawMarks(XGraphics g)
    {
        foreach (var (y, length) in new[] { (Mm(105), Mm(5)), (Mm(148.5), Mm(7)), (Mm(210), Mm(5)) })
            g.DrawLine(s.Hairline, Mm(3), y, Mm(3) + length, y);
    }

    private void DrawAddressWindow(XGraphics g)
    {
        var width = Mm(80);
        var a = doc.Issuer.Address;
        var returnLine = $"{doc.Issuer.LegalName} · {a.Street} · {a.PostalCode} {a.City}";
        var fitted = Wrap(g, returnLine, s.Tiny, width)[0];
        Cell(g, fitted, s.Tiny, s.Grey, Geometry.Left, Mm(58.5), width, false);
        g.DrawLine(s.Hairline, Geometry.Left, Mm(61.5), Geometry.Left + g.MeasureString(fitted, s.Tiny).Width, Mm(61.5));

        var r = doc.Recipient;
        var lines = new List<string> { r.Name };
        if (!string.IsNullOrWhiteSpace(r.NameAddition)) lines.Add(r.NameAddition);
        lines.Add(r.Address.Street);
        lines.Add($"{r.Address.PostalCode} {r.Address.City}");
        if (!IsGermany(r.Address.Country)) lines.Add(CountryName(r.Address.Country).ToUpperInvariant());
        var wrapped = lines.SelectMany(l => Wrap(g, l, s.Address, width)).Take(6);
        Draw(g, wrapped, s.Address, s.Ink, Geometry.Left, Mm(63.5), width);
    }

    private void DrawInfoBlock(XGraphics g)
    {
        var r = doc.Recipient;
        var issuer = doc.Issuer;
        var rows = new List<(string Label, string? Value)>
        {
            (Formats.NumberLabel(doc), doc.Number),
            ("Datum", Formats.Date(doc.Date)),
            (doc.Delivery is { } d && d.From != d.To ? "Leistungszeitraum" : "Lieferdatum", doc.Delivery is { } p ? Formats.Period(p) : null),
            (doc.SelfBilled ? "Lieferanten-Nr." : "Kunden-Nr.", r.CustomerNumber),
            ("Ihre Referenz", doc.CustomerReference),
            ("Auftrag", doc.OrderNumber),
            ("Ihre USt-IdNr.", r.VatId),
            ("Ihre Steuernr.", r.TaxNumber),
            ("Ansprechpartner", issuer.ContactName),
            ("Telefon", issuer.ContactPhone),
            ("E-Mail", issuer.ContactEmail),
        };
        var y = Mm(50);
        var valueWidth = Geometry.Right - InfoValueX;
        foreach (var (label, value) in rows.Where(x => !string.IsNullOrWhiteSpace(x.Value)))
        {
            Cell(g, label, s.Info, s.Grey, InfoLabelX, y, InfoValueX - InfoLabelX, false);
            foreach (var (text, font) in Fit(g, value!, valueWidth, s.Info, s.Small))
            {
                Cell(g, text, font, s.Ink, InfoValueX, y, valueWidth, false);
                y += LineHeight(s.Info);
            }
        }
    }

    private void DrawTitle(XGraphics g)
    {
        Cell(g, $"{Formats.Title(doc)} {doc.Number}", s.Title, s.Ink, Geometry.Left, TitleTop, Geometry.Width, false);
        Draw(g, SubtitleLines(g), s.Text, s.Ink, Geometry.Left, TitleTop + LineHeight(s.Title) + Mm(1.5), Geometry.Width);
    }

    private IReadOnlyList<string> SubtitleLines(XGraphics g)
    {
        var lines = new List<string>();
        if (doc.Corrects is { } c)
            lines.Add($"zur Rechnung Nr. {c.Number} vom {Formats.Date(c.Date)}");
        lines.Add(doc.Kind switch
        {
            PrintKind.Quote => "Gerne bieten wir Ihnen an:",
            PrintKind.OrderConfirmation => "Vielen Dank für Ihren Auftrag. Wir bestätigen:",
            PrintKind.DeliveryNote => "Wir liefern Ihnen:",
            PrintKind.Invoice => "Für unsere Lieferungen und Leistungen berechnen wir Ihnen:",
            _ => doc.SelfBilled ? "Für Ihre Lieferungen an uns schreiben wir Ihnen gut:" : "Wir korrigieren die genannte Rechnung wie folgt:",
        });
        return lines.SelectMany(l => Wrap(g, l, s.Text, Geometry.Width)).ToArray();
    }

    /// <summary>Where the table starts on page 1 (under the title and its subtitle lines).</summary>
    public double FirstTableTop(XGraphics g) =>
        TitleTop + LineHeight(s.Title) + Mm(1.5) + SubtitleLines(g).Count * LineHeight(s.Text) + Mm(3);

    public void DrawFollowingPage(XGraphics g)
    {
        Cell(g, doc.Issuer.LegalName, s.IssuerSmall, s.Ink, Geometry.Left, Mm(14), Geometry.Width / 2, false);
        var reference = $"{Formats.Title(doc)} {doc.Number} vom {Formats.Date(doc.Date)}";
        Cell(g, reference, s.Info, s.Ink, Geometry.Left + Geometry.Width / 2, Mm(14.5), Geometry.Width / 2, true);
        g.DrawLine(s.Hairline, Geometry.Left, Mm(20), Geometry.Right, Mm(20));
    }

    private static bool IsGermany(string country) => country.Trim().ToUpperInvariant() is "DE" or "DEU" or "DEUTSCHLAND" or "";

    private static string CountryName(string code) => code.Trim().ToUpperInvariant() switch
    {
        "AT" => "Österreich", "NL" => "Niederlande", "DK" => "Dänemark", "PL" => "Polen", "FR" => "Frankreich",
        "BE" => "Belgien", "LU" => "Luxemburg", "CZ" => "Tschechien", "CH" => "Schweiz", _ => code,
    };
}
