using System.Text.RegularExpressions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

/// <summary>An IBAN with its length per country and the ISO 13616 mod-97 checksum.</summary>
public static partial class Iban
{
    private static readonly Dictionary<string, int> Lengths = new()
    {
        ["DE"] = 22, ["AT"] = 20, ["CH"] = 21, ["NL"] = 18, ["BE"] = 16, ["FR"] = 27, ["LU"] = 20, ["DK"] = 18,
        ["PL"] = 28, ["CZ"] = 24, ["IT"] = 27, ["ES"] = 24, ["GB"] = 22, ["SE"] = 24, ["FI"] = 18, ["IE"] = 22,
        ["PT"] = 25, ["SK"] = 24, ["SI"] = 19, ["HU"] = 28, ["LI"] = 21,
    };

    public static Result<string> Parse(string value)
    {
        var iban = Spaces().Replace(value, "").ToUpperInvariant();
        if (!Shape().IsMatch(iban) || (Lengths.TryGetValue(iban[..2], out var length) && iban.Length != length))
            return new RuleBroken("invalid-iban", "must be an IBAN: country code, two check digits and the national account number.");
        return Mod97(iban) == 1 ? iban : new RuleBroken("invalid-iban", "has a wrong checksum.");
    }

    public static int Mod97(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var digits = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits >= 10 ? (remainder * 100 + digits) % 97 : (remainder * 10 + digits) % 97;
        }
        return remainder;
    }

    /// <summary>Builds a German IBAN from bank code (BLZ) and account number.</summary>
    public static string German(string bankCode, string account)
    {
        var bban = bankCode + account.PadLeft(10, '0');
        var check = 98 - Mod97("DE00" + bban);
        return $"DE{check:00}{bban}";
    }

    [GeneratedRegex(@"\s")] private static partial Regex Spaces();
    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")] private static partial Regex Shape();
}
