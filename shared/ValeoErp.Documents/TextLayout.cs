using PdfSharp.Drawing;
using static ValeoErp.Documents.Styles;

namespace ValeoErp.Documents;

/// <summary>Page geometry in points (A4, DIN 5008 form B; left margin 25 mm, right margin 20 mm).</summary>
internal static class Geometry
{
    public static readonly double PageWidth = Mm(210);
    public static readonly double PageHeight = Mm(297);
    public static readonly double Left = Mm(25);
    public static readonly double Right = Mm(190);
    public static readonly double Width = Right - Left;
    /// <summary>Content ends here; below: the page number and the §14 footer.</summary>
    public static readonly double ContentBottom = Mm(262);
    public static readonly double PageNumberTop = Mm(265);
    public static readonly double FooterTop = Mm(271);
    /// <summary>Top of the line table on follow-up pages (under the short header).</summary>
    public static readonly double FollowingTableTop = Mm(30);
}

/// <summary>Word wrapping and line drawing: PDFsharp's XGraphics draws single lines only.</summary>
internal static class TextLayout
{
    public static IReadOnlyList<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(g, candidate, font, width)) { line = candidate; continue; }
                if (line.Length > 0) result.Add(line);
                line = word;
                while (line.Length > 1 && !Fits(g, line, font, width))
                {
                    var n = line.Length - 1;
                    while (n > 1 && !Fits(g, line[..n], font, width)) n--;
                    result.Add(line[..n]);
                    line = line[n..];
                }
            }
            result.Add(line);
        }
        return result;
    }

    /// <summary>
    /// One line in the first font it fits in (for e-mail addresses, IBANs, register entries that must not break);
    /// wrapped in the smallest font when none fits.
    /// </summary>
    public static IReadOnlyList<(string Text, XFont Font)> Fit(XGraphics g, string text, double width, params XFont[] fonts)
    {
        foreach (var font in fonts)
            if (Fits(g, text, font, width)) return [(text, font)];
        return Wrap(g, text, fonts[^1], width).Select(l => (l, fonts[^1])).ToArray();
    }

    private static bool Fits(XGraphics g, string text, XFont font, double width) => g.MeasureString(text, font).Width <= width;

    /// <summary>Draws lines top-down from <paramref name="y"/>; returns the y under the last line.</summary>
    public static double Draw(XGraphics g, IEnumerable<string> lines, XFont font, XBrush brush, double x, double y, double width, XStringFormat? format = null)
    {
        var height = LineHeight(font);
        foreach (var line in lines)
        {
            g.DrawString(line, font, brush, new XRect(x, y, width, height), format ?? XStringFormats.TopLeft);
            y += height;
        }
        return y;
    }

    public static double DrawWrapped(XGraphics g, string text, XFont font, XBrush brush, double x, double y, double width) =>
        Draw(g, Wrap(g, text, font, width), font, brush, x, y, width);

    public static double Height(XGraphics g, string text, XFont font, double width) =>
        Wrap(g, text, font, width).Count * LineHeight(font);

    public static void Cell(XGraphics g, string text, XFont font, XBrush brush, double x, double y, double width, bool right) =>
        g.DrawString(text, font, brush, new XRect(x, y, width, LineHeight(font)), right ? XStringFormats.TopRight : XStringFormats.TopLeft);
}
