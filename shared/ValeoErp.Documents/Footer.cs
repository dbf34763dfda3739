using PdfSharp.Drawing;
using static ValeoErp.Documents.Styles;
using static ValeoErp.Documents.TextLayout;

namespace ValeoErp.Documents;

/// <summary>
/// The §14 (4) UStG / §35a GmbHG footer on every page: address, register court and number, managing directors,
/// VAT id and/or tax number, contact, bank accounts. Plus "Seite n von m" above it.
/// </summary>
internal sealed class Footer(PrintDocument doc, Styles s)
{
    private const int MaxLines = 7;

    public void Draw(XGraphics g)
    {
        g.DrawLine(s.Hairline, Geometry.Left, Geometry.FooterTop - Mm(1.5), Geometry.Right, Geometry.FooterTop - Mm(1.5));
        var columns = Columns();
        double[] widths = [Mm(44), Mm(41), Mm(34), Mm(46)];
        var x = Geometry.Left;
        for (var i = 0; i < columns.Length; i++)
        {
            var width = widths[i] - Mm(2);
            var y = Geometry.FooterTop;
            foreach (var (text, font) in columns[i].SelectMany(l => Fit(g, l, width, s.Small, s.Tiny)).Take(MaxLines))
            {
                Cell(g, text, font, s.Grey, x, y, width, false);
                y += LineHeight(s.Small);
            }
            x += widths[i];
        }
    }

    private string[][] Columns()
    {
        var i = doc.Issuer;
        var address = new List<string> { i.LegalName, i.Address.Street, $"{i.Address.PostalCode} {i.Address.City}" };
        if (i.ContactPhone is not null) address.Add($"Tel.: {i.ContactPhone}");
        if (i.ContactEmail is not null) address.Add(i.ContactEmail);
        var legal = new List<string>();
        if (i.RegisterCourt is not null || i.RegisterNumber is not null)
        {
            legal.Add("Registergericht:");
            legal.Add($"{i.RegisterCourt} {i.RegisterNumber}".Trim());
        }
        if (i.ManagingDirectors.Count > 0)
        {
            legal.Add(i.ManagingDirectors.Count == 1 ? "Geschäftsführer:" : "Geschäftsführung:");
            legal.Add(string.Join(", ", i.ManagingDirectors));
        }
        var tax = new List<string>();
        if (i.VatId is not null) tax.Add($"USt-IdNr.: {i.VatId}");
        if (i.TaxNumber is not null) tax.Add($"Steuernr.: {i.TaxNumber}");
        var bank = i.BankAccounts.SelectMany(b => new[]
        {
            b.BankName, "IBAN: " + Iban(b.Iban), b.Bic is null ? null : "BIC: " + b.Bic,
        }).OfType<string>().ToList();
        return [address.ToArray(), legal.ToArray(), tax.ToArray(), bank.ToArray()];
    }

    /// <summary>IBAN in groups of four, as printed on paper (DE89 3704 0044 0532 0130 00).</summary>
    public static string Iban(string iban)
    {
        var compact = iban.Replace(" ", "").ToUpperInvariant();
        return string.Join(" ", compact.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>Stamps "Seite n von m" once the page count is known.</summary>
    public void DrawPageNumber(XGraphics g, int page, int pages) =>
        Cell(g, $"Seite {page} von {pages}", s.Info, s.Ink, Geometry.Left, Geometry.PageNumberTop, Geometry.Width, true);
}
