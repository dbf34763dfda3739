using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Partners;

/// <summary>
/// "2 % within 14 days, net 30": due and discount dates count from the invoice date.
/// </summary>
public sealed record PaymentTerms(int NetDays, int DiscountDays, decimal DiscountPercent)
{
    public static readonly PaymentTerms Net30 = new(30, 0, 0m);

    public static PaymentTerms? Validate(FieldErrors errors, int? netDays, int? discountDays, decimal? discountPercent)
    {
        var net = netDays ?? 0;
        var days = discountDays ?? 0;
        var percent = discountPercent ?? 0m;
        var before = errors.All.Count;
        if (net is < 0 or > 365) errors.Add("netDays", "must be between 0 and 365.");
        if (days < 0 || days > net) errors.Add("discountDays", "must be between 0 and netDays.");
        if (percent is < 0m or > 10m || decimal.Round(percent, 2) != percent)
            errors.Add("discountPercent", "must be between 0 and 10 with at most two decimals.");
        if ((days == 0) != (percent == 0m))
            errors.Add("discountPercent", "a cash discount needs both discountDays and discountPercent.");
        return errors.All.Count == before ? new PaymentTerms(net, days, percent) : null;
    }

    public string Describe() => DiscountPercent > 0
        ? $"{DiscountPercent:0.##} % Skonto within {DiscountDays} days, net {NetDays} days"
        : NetDays == 0 ? "due immediately" : $"net {NetDays} days";
}
