using PdfSharp.Drawing;
using static ValeoErp.Documents.Styles;
using static ValeoErp.Documents.TextLayout;

namespace ValeoErp.Documents;

/// <summary>
/// The position table: header (repeated on every page), rows with wrapped descriptions, and the carried total
/// ("Übertrag") at the bottom of a full page and the top of the next one when prices are shown.
/// </summary>
internal sealed class LineTable
{
    private sealed record Column(string Header, double Width, bool Right);

    private static readonly double Pad = Mm(1.2);
    private readonly Styles _s;
    private readonly bool _prices;
    private readonly Column[] _columns;

    public LineTable(PrintDocument doc, Styles styles)
    {
        _s = styles;
        _prices = Formats.HasPrices(doc);
        _columns = _prices
            ?
            [
                new("Pos.", Mm(8), false), new("Art.-Nr.", Mm(18), false), new("Bezeichnung", Mm(58), false),
                new("Menge", Mm(16), true), new("Einheit", Mm(13), false), new("Einzelpreis", Mm(21), true),
                new("USt", Mm(11), true), new("Gesamt", Mm(20), true),
            ]
            :
            [
                new("Pos.", Mm(9), false), new("Art.-Nr.", Mm(25), false), new("Bezeichnung", Mm(96), false),
                new("Menge", Mm(20), true), new("Einheit", Mm(15), false),
            ];
    }

    public bool ShowsCarry => _prices;
    public double HeaderHeight => LineHeight(_s.CellBold) + 2 * Pad;
    public double CarryHeight => _prices ? LineHeight(_s.CellBold) + 2 * Pad : 0;

    private string[] Cells(PrintLine l) => _prices
        ?
        [
            l.Position.ToString(Formats.German), l.ArticleNumber ?? "", l.Description, Formats.Quantity(l.Quantity), l.Unit,
            l.UnitPrice is { } p ? Formats.Price(p) : "", l.VatRate is { } r ? Formats.Rate(r) : "",
            l.Net is { } n ? Formats.Money(n) : "",
        ]
        : [l.Position.ToString(Formats.German), l.ArticleNumber ?? "", l.Description, Formats.Quantity(l.Quantity), l.Unit];

    private IReadOnlyList<string>[] Layout(XGraphics g, PrintLine line) =>
        Cells(line).Select((text, i) => Wrap(g, text, _s.Cell, _columns[i].Width - 2 * Pad)).ToArray();

    public double RowHeight(XGraphics g, PrintLine line) => Layout(g, line).Max(c => c.Count) * LineHeight(_s.Cell) + 2 * Pad;

    public double DrawHeader(XGraphics g, double y)
    {
        g.DrawRectangle(_s.HeaderFill, new XRect(Geometry.Left, y, Geometry.Width, HeaderHeight));
        var x = Geometry.Left;
        foreach (var c in _columns)
        {
            Cell(g, c.Header, _s.CellBold, _s.Ink, x + Pad, y + Pad, c.Width - 2 * Pad, c.Right);
            x += c.Width;
        }
        y += HeaderHeight;
        g.DrawLine(_s.Rule, Geometry.Left, y, Geometry.Right, y);
        return y;
    }

    public double DrawRow(XGraphics g, PrintLine line, double y)
    {
        var cells = Layout(g, line);
        var x = Geometry.Left;
        for (var i = 0; i < _columns.Length; i++)
        {
            var c = _columns[i];
            Draw(g, cells[i], _s.Cell, _s.Ink, x + Pad, y + Pad, c.Width - 2 * Pad, c.Right ? XStringFormats.TopRight : XStringFormats.TopLeft);
            x += c.Width;
        }
        y += cells.Max(c => c.Count) * LineHeight(_s.Cell) + 2 * Pad;
        g.DrawLine(_s.Hairline, Geometry.Left, y, Geometry.Right, y);
        return y;
    }

    /// <summary>"Übertrag" with the running net total, right-aligned in the amount column.</summary>
    public double DrawCarry(XGraphics g, double y, decimal carried)
    {
        if (!_prices) return y;
        var amountWidth = _columns[^1].Width + _columns[^2].Width;
        var labelRight = Geometry.Right - amountWidth;
        Cell(g, "Übertrag", _s.CellBold, _s.Ink, Geometry.Left + Pad, y + Pad, labelRight - Geometry.Left - 2 * Pad, true);
        Cell(g, Formats.Money(carried), _s.CellBold, _s.Ink, labelRight + Pad, y + Pad, amountWidth - 2 * Pad, true);
        y += CarryHeight;
        g.DrawLine(_s.Rule, Geometry.Left, y, Geometry.Right, y);
        return y;
    }
}
