using System.Text.RegularExpressions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

/// <summary>
/// A VAT identification number (USt-IdNr.). The format is checked per EU member state; German numbers
/// also carry a check digit (ISO 7064 MOD 11,10), which catches most typing errors before the BZSt query.
/// </summary>
public static partial class VatId
{
    private static readonly Dictionary<string, Regex> Formats = new()
    {
        ["DE"] = new("^[0-9]{9}$"), ["AT"] = new("^U[0-9]{8}$"), ["BE"] = new("^[01][0-9]{9}$"),
        ["NL"] = new("^[0-9]{9}B[0-9]{2}$"), ["FR"] = new("^[0-9A-Z]{2}[0-9]{9}$"), ["DK"] = new("^[0-9]{8}$"),
        ["PL"] = new("^[0-9]{10}$"), ["CZ"] = new("^[0-9]{8,10}$"), ["LU"] = new("^[0-9]{8}$"),
        ["IT"] = new("^[0-9]{11}$"), ["ES"] = new("^[0-9A-Z][0-9]{7}[0-9A-Z]$"), ["SE"] = new("^[0-9]{12}$"),
        ["FI"] = new("^[0-9]{8}$"), ["IE"] = new("^[0-9A-Z]{8,9}$"), ["PT"] = new("^[0-9]{9}$"),
        ["SK"] = new("^[0-9]{10}$"), ["SI"] = new("^[0-9]{8}$"), ["HU"] = new("^[0-9]{8}$"),
        ["RO"] = new("^[0-9]{2,10}$"), ["BG"] = new("^[0-9]{9,10}$"), ["HR"] = new("^[0-9]{11}$"),
        ["EE"] = new("^[0-9]{9}$"), ["LV"] = new("^[0-9]{11}$"), ["LT"] = new("^([0-9]{9}|[0-9]{12})$"),
        ["EL"] = new("^[0-9]{9}$"), ["CY"] = new("^[0-9]{8}[A-Z]$"), ["MT"] = new("^[0-9]{8}$"),
        ["XI"] = new("^[0-9]{9}$"),
    };

    public static Result<string> Parse(string value)
    {
        var id = Whitespace().Replace(value, "").ToUpperInvariant();
        if (id.Length < 4 || !Formats.TryGetValue(id[..2], out var format) || !format.IsMatch(id[2..]))
            return new RuleBroken("invalid-vat-id", "must be an EU VAT id: country prefix and the national format (e.g. DE123456788).");
        if (id.StartsWith("DE", StringComparison.Ordinal) && !GermanCheckDigitHolds(id[2..]))
            return new RuleBroken("invalid-vat-id", "has a wrong check digit for a German VAT id.");
        return id;
    }

    /// <summary>ISO 7064 MOD 11,10 over the first eight digits gives the ninth.</summary>
    public static bool GermanCheckDigitHolds(string nineDigits) =>
        nineDigits[0] != '0' && GermanCheckDigit(nineDigits[..8]) == nineDigits[8] - '0';

    public static int GermanCheckDigit(string eightDigits)
    {
        var product = 10;
        foreach (var c in eightDigits)
        {
            var sum = (c - '0' + product) % 10;
            if (sum == 0) sum = 10;
            product = 2 * sum % 11;
        }
        var check = 11 - product;
        return check == 10 ? 0 : check;
    }

    [GeneratedRegex(@"[\s.\-]")] private static partial Regex Whitespace();
}
