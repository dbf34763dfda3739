using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace ValeoErp.Documents;

/// <summary>
/// PDFsharp has no font discovery on Linux: this resolver maps every family to DejaVu Sans (regular/bold) from
/// the Debian package fonts-dejavu-core. Reading these two files is the only I/O of the renderer.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private readonly string _directory;
    private readonly Dictionary<string, byte[]> _cache = [];
    private readonly Lock _gate = new();

    public DejaVuFontResolver(string directory = DefaultDirectory)
    {
        _directory = directory;
        var missing = new[] { Regular, Bold }.Select(PathOf).Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
            throw new InvalidOperationException(
                $"PDF fonts missing: {string.Join(", ", missing)}. Install the Debian package fonts-dejavu-core " +
                "(apt-get install -y fonts-dejavu-core).");
    }

    /// <summary>Every family resolves to DejaVu Sans; italic is not used by the documents.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular);

    public byte[]? GetFont(string faceName)
    {
        lock (_gate)
        {
            if (!_cache.TryGetValue(faceName, out var bytes))
                _cache[faceName] = bytes = File.ReadAllBytes(PathOf(faceName));
            return bytes;
        }
    }

    private string PathOf(string face) => Path.Combine(_directory, face + ".ttf");

    private static readonly Lock Registration = new();

    /// <summary>
    /// PDFsharp keeps the resolver in a process-wide static that must be set before the first XFont is created
    /// and cannot be swapped afterwards: register once, leave a resolver the host set itself alone.
    /// </summary>
    internal static void EnsureRegistered()
    {
        lock (Registration)
        {
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
        }
    }
}

/// <summary>The fonts and pens of the documents (created per render: XFont is cheap once the face is cached).</summary>
internal sealed class Styles
{
    public XFont Small { get; } = new(DejaVuFontResolver.Family, 6.5, XFontStyleEx.Regular);
    public XFont Tiny { get; } = new(DejaVuFontResolver.Family, 6, XFontStyleEx.Regular);
    public XFont Text { get; } = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular);
    public XFont TextBold { get; } = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold);
    public XFont Cell { get; } = new(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular);
    public XFont CellBold { get; } = new(DejaVuFontResolver.Family, 8, XFontStyleEx.Bold);
    public XFont Info { get; } = new(DejaVuFontResolver.Family, 7.5, XFontStyleEx.Regular);
    public XFont Address { get; } = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Regular);
    public XFont Title { get; } = new(DejaVuFontResolver.Family, 14, XFontStyleEx.Bold);
    public XFont Issuer { get; } = new(DejaVuFontResolver.Family, 13, XFontStyleEx.Bold);
    public XFont IssuerSmall { get; } = new(DejaVuFontResolver.Family, 9, XFontStyleEx.Bold);
    public XPen Rule { get; } = new(XColors.Black, 0.5);
    public XPen Hairline { get; } = new(XColor.FromArgb(160, 160, 160), 0.3);
    public XBrush Ink { get; } = XBrushes.Black;
    public XBrush Grey { get; } = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    public XBrush HeaderFill { get; } = new XSolidBrush(XColor.FromArgb(232, 236, 240));

    public static double Mm(double mm) => mm * 72.0 / 25.4;

    /// <summary>Line height of a font in points (ascent + descent + a little leading).</summary>
    public static double LineHeight(XFont font) => font.Size * 1.25;
}
