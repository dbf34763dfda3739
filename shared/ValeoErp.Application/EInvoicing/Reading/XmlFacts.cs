using System.Globalization;
using System.Xml.Linq;

namespace ValeoErp.Application.EInvoicing.Reading;

/// <summary>Small helpers the two readers share: element paths by local namespace prefix, numbers as XML Schema
/// decimals, and a record of what could not be read (reported as XSD by the rules, as the schema would).</summary>
internal sealed class XmlFacts
{
    public List<string> Unreadable { get; } = [];
    public List<(string Term, string Raw)> Amounts { get; } = [];

    /// <summary>The first element at the path (names as "ns:Local", ns resolved by <paramref name="ns"/>).</summary>
    public static XElement? At(XElement? from, IReadOnlyDictionary<string, XNamespace> ns, string path)
    {
        var current = from;
        foreach (var step in path.Split('/'))
        {
            if (current is null) return null;
            current = current.Element(Name(ns, step));
        }
        return current;
    }

    public static IEnumerable<XElement> All(XElement? from, IReadOnlyDictionary<string, XNamespace> ns, string path)
    {
        if (from is null) return [];
        var steps = path.Split('/');
        IEnumerable<XElement> current = [from];
        foreach (var step in steps) current = current.Elements(Name(ns, step));
        return current;
    }

    public static string? Text(XElement? from, IReadOnlyDictionary<string, XNamespace> ns, string path) =>
        At(from, ns, path) is { } e ? e.Value.Trim() : null;

    public static XName Name(IReadOnlyDictionary<string, XNamespace> ns, string step)
    {
        var colon = step.IndexOf(':');
        return ns[step[..colon]] + step[(colon + 1)..];
    }

    /// <summary>xs:decimal: optional sign, digits, optional fraction; no exponent, no thousands separator.</summary>
    public decimal? Decimal(XElement? element, string term, bool amount = false)
    {
        if (element is null) return null;
        var raw = element.Value.Trim();
        if (amount) Amounts.Add((term, raw));
        if (raw.Length > 0 && raw.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+')
            && decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        Unreadable.Add($"{term}: '{raw}' is not a decimal number");
        return null;
    }

    /// <summary>XPath 2.0 round(x * 100) div 100: halves round towards positive infinity, as the Schematron computes.</summary>
    public static decimal XRound2(decimal value) => Math.Floor(value * 100m + 0.5m) / 100m;
}
