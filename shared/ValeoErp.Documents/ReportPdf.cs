using NodaTime;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static ValeoErp.Documents.Styles;

namespace ValeoErp.Documents;

/// <summary>A section of a plain report: a heading, its key lines (bold) and its text lines.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Facts, IReadOnlyList<string> Lines);

/// <summary>
/// A plain A4 report (e.g. the compliance overview): title, company and date, then sections of wrapped text; pages
/// break where the text does, and every page carries "Seite n von m". No letterhead: it is an internal report.
/// </summary>
public static class ReportPdf
{
    public static byte[] Render(string title, string company, LocalDate date, string intro, IReadOnlyList<ReportSection> sections)
    {
        DejaVuFontResolver.EnsureRegistered();
        var s = new Styles();
        using var pdf = new PdfDocument();
        pdf.Info.Title = title;
        pdf.Info.Author = company;
        pdf.Info.Creator = "VALEO ERP";
        pdf.Info.CreationDate = date.ToDateTimeUnspecified(); // no clock: the report date stands in
        pdf.Info.ModificationDate = date.ToDateTimeUnspecified();
        var pages = new List<PdfPage>();
        XGraphics? g = null;
        double y = 0;
        void NewPage()
        {
            g?.Dispose();
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            pages.Add(page);
            g = XGraphics.FromPdfPage(page);
            y = Mm(20);
        }
        void Write(string text, XFont font, XBrush brush, double indent = 0)
        {
            foreach (var line in TextLayout.Wrap(g!, text, font, Geometry.Width - indent))
            {
                if (y + LineHeight(font) > Geometry.ContentBottom) NewPage();
                g!.DrawString(line, font, brush, new XPoint(Geometry.Left + indent, y + font.Size));
                y += LineHeight(font);
            }
        }
        NewPage();
        Write(title, s.Title, s.Ink);
        Write(company.Length > 0 ? $"{company} · Stand {Formats.Date(date)}" : $"Stand {Formats.Date(date)}", s.Text, s.Grey);
        y += Mm(3);
        Write(intro, s.Text, s.Ink);
        foreach (var section in sections)
        {
            y += Mm(4);
            if (y + Mm(20) > Geometry.ContentBottom) NewPage();
            Write(section.Heading, s.IssuerSmall, s.Ink);
            g!.DrawLine(s.Hairline, Geometry.Left, y, Geometry.Right, y);
            y += Mm(1);
            foreach (var fact in section.Facts) Write(fact, s.TextBold, s.Ink);
            foreach (var line in section.Lines) Write("– " + line, s.Text, s.Ink, Mm(3));
        }
        g?.Dispose();
        var font = s.Small;
        for (var i = 0; i < pages.Count; i++)
        {
            using var pg = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            pg.DrawString($"Seite {i + 1} von {pages.Count}", font, s.Grey, new XPoint(Geometry.Right - Mm(25), Geometry.PageNumberTop + font.Size));
        }
        using var stream = new MemoryStream();
        pdf.Save(stream);
        return stream.ToArray();
    }
}
