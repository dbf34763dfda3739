using System.Text.RegularExpressions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

/// <summary>A postal code checked against its country's format (German PLZ: five digits, 01001-99998).</summary>
public static partial class PostalCode
{
    public static Result<string> Parse(string country, string value)
    {
        var code = value.Trim();
        var ok = country switch
        {
            "DE" => GermanPlz().IsMatch(code) && code != "00000" && !code.StartsWith("0000", StringComparison.Ordinal),
            "AT" or "CH" or "BE" or "DK" or "LU" => FourDigits().IsMatch(code),
            "FR" or "IT" or "ES" => FiveDigits().IsMatch(code),
            "NL" => Dutch().IsMatch(code),
            "PL" => Polish().IsMatch(code),
            "CZ" or "SK" => Czech().IsMatch(code),
            _ => code.Length is >= 2 and <= 10,
        };
        return ok ? code : new RuleBroken("invalid-postal-code", country == "DE"
            ? "must be a German postal code of five digits."
            : $"is not a valid postal code for {country}.");
    }

    [GeneratedRegex("^[0-9]{5}$")] private static partial Regex GermanPlz();
    [GeneratedRegex("^[0-9]{5}$")] private static partial Regex FiveDigits();
    [GeneratedRegex("^[0-9]{4}$")] private static partial Regex FourDigits();
    [GeneratedRegex("^[1-9][0-9]{3} ?[A-Z]{2}$")] private static partial Regex Dutch();
    [GeneratedRegex("^[0-9]{2}-[0-9]{3}$")] private static partial Regex Polish();
    [GeneratedRegex("^[0-9]{3} ?[0-9]{2}$")] private static partial Regex Czech();
}
