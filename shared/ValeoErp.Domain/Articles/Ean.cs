using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Articles;

/// <summary>GTIN-8, -12, -13 or -14 with its GS1 mod-10 check digit.</summary>
public static class Ean
{
    public static Result<string> Parse(string value)
    {
        var code = value.Trim();
        if (code.Length is not (8 or 12 or 13 or 14) || !code.All(char.IsAsciiDigit))
            return new RuleBroken("invalid-ean", "must be a GTIN of 8, 12, 13 or 14 digits.");
        return CheckDigit(code[..^1]) == code[^1] - '0'
            ? code
            : new RuleBroken("invalid-ean", "has a wrong check digit.");
    }

    /// <summary>Weights 3 and 1 alternate from the rightmost data digit.</summary>
    public static int CheckDigit(string dataDigits)
    {
        var sum = 0;
        for (var i = 0; i < dataDigits.Length; i++)
        {
            var digit = dataDigits[dataDigits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
