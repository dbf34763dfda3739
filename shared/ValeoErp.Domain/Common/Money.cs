namespace ValeoErp.Domain.Common;

/// <summary>
/// Commercial rounding (kaufmännisch): half away from zero, to the cent. .NET's default is banker's
/// rounding, which German invoices and EN 16931 do not use - so nothing in the product calls Math.Round
/// on money without going through here.
/// </summary>
public static class Money
{
    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal Round(decimal amount, int decimals) => decimal.Round(amount, decimals, MidpointRounding.AwayFromZero);
}
