using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ValeoErp.Documents;

/// <summary>
/// Renders a <see cref="PrintDocument"/> to a PDF (A4). Pages are planned first (row heights measured, the summary
/// kept together with at least the last rows of the table), then drawn; "Seite n von m" is stamped at the end.
/// Keeps no state between calls; the only process-wide state is PDFsharp's font resolver and font cache.
/// </summary>
public static class PdfRenderer
{
    /// <summary>How many table rows move with the summary when it does not fit under the table.</summary>
    private const int RowsKeptWithSummary = 3;

    /// <param name="facturX">The CII of the document (profile EN 16931): embedded as <c>factur-x.xml</c>, the PDF becomes a
    /// ZUGFeRD/Factur-X invoice (PDFsharp's PDF/A mode: XMP metadata and output intent).</param>
    public static byte[] Render(PrintDocument doc, byte[]? facturX = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        DejaVuFontResolver.EnsureRegistered();
        var styles = new Styles();
        var table = new LineTable(doc, styles);
        var letterhead = new Letterhead(doc, styles);
        var summary = new Summary(doc, styles);
        var footer = new Footer(doc, styles);

        var plan = Plan(doc, table, letterhead, summary);

        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{Formats.Title(doc)} {doc.Number}";
        pdf.Info.Author = doc.Issuer.LegalName;
        pdf.Info.Creator = "VALEO ERP";
        // Every posting renders one: the fastest Deflate level costs a few per cent in size and halves the time.
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        // No clock: the document date stands in for the creation date PDFsharp would otherwise take from DateTime.Now.
        var stamp = doc.Date.ToDateTimeUnspecified();
        pdf.Info.CreationDate = stamp;
        pdf.Info.ModificationDate = stamp;

        var pages = new List<PdfPage>();
        decimal carried = 0m;
        for (var p = 0; p < plan.Count; p++)
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            pages.Add(page);
            using var g = XGraphics.FromPdfPage(page);
            double y;
            if (p == 0)
            {
                letterhead.DrawFirstPage(g);
                y = letterhead.FirstTableTop(g);
            }
            else
            {
                letterhead.DrawFollowingPage(g);
                y = Geometry.FollowingTableTop;
            }
            if (plan[p].Count > 0 || p == 0)
            {
                y = table.DrawHeader(g, y);
                if (p > 0 && table.ShowsCarry) y = table.DrawCarry(g, y, carried);
            }
            foreach (var index in plan[p])
            {
                y = table.DrawRow(g, doc.Lines[index], y);
                carried += doc.Lines[index].Net ?? 0m;
            }
            if (p < plan.Count - 1)
            {
                if (table.ShowsCarry) table.DrawCarry(g, y, carried);
            }
            else
            {
                summary.Draw(g, y);
            }
            footer.Draw(g);
        }

        for (var p = 0; p < pages.Count; p++)
        {
            using var g = XGraphics.FromPdfPage(pages[p], XGraphicsPdfPageOptions.Append);
            footer.DrawPageNumber(g, p + 1, pages.Count);
        }

        if (facturX is not null)
        {
            pdf.SetPdfA();
            pdf.AddEmbeddedFile("factur-x.xml", new MemoryStream(facturX));
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Assigns line indexes to pages; the last page always has room for the summary.</summary>
    private static List<List<int>> Plan(PrintDocument doc, LineTable table, Letterhead letterhead, Summary summary)
    {
        using var g = XGraphics.CreateMeasureContext(new XSize(Geometry.PageWidth, Geometry.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var heights = doc.Lines.Select(l => table.RowHeight(g, l)).ToArray();
        var summaryHeight = summary.Measure(g);
        var firstTop = letterhead.FirstTableTop(g) + table.HeaderHeight;
        var nextTop = Geometry.FollowingTableTop + table.HeaderHeight + table.CarryHeight;
        var bottom = Geometry.ContentBottom - table.CarryHeight;

        var pages = new List<List<int>> { new() };
        var y = firstTop;
        for (var i = 0; i < heights.Length; i++)
        {
            if (y + heights[i] > bottom && pages[^1].Count > 0)
            {
                pages.Add([]);
                y = nextTop;
            }
            pages[^1].Add(i);
            y += heights[i];
        }

        if (y + summaryHeight > Geometry.ContentBottom)
        {
            // Never leave the totals alone on a page: the last rows move with them (header and Übertrag repeat).
            var last = pages[^1];
            var moved = last.Skip(Math.Max(0, last.Count - RowsKeptWithSummary)).ToList();
            last.RemoveRange(last.Count - moved.Count, moved.Count);
            if (last.Count == 0 && pages.Count > 1) pages.RemoveAt(pages.Count - 1);
            pages.Add(moved);
        }
        return pages;
    }
}
