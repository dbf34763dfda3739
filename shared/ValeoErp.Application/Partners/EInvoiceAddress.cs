using System.Text.RegularExpressions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Partners;

/// <summary>
/// Where e-invoices go: a Leitweg-ID for public buyers (BT-10, e.g. 04011000-1234512345-06) or an email address.
/// </summary>
public static partial class EInvoiceAddress
{
    public static Result<string> Parse(string value)
    {
        var text = value.Trim();
        if (LeitwegId().IsMatch(text) || Domain.Partners.Contact.ParseEmail(text).IsSuccess) return text;
        return new RuleBroken("invalid-e-invoice-address", "must be a Leitweg-ID (e.g. 04011000-1234512345-06) or an email address.");
    }

    [GeneratedRegex("^[0-9]{2,12}(-[0-9A-Za-z]{1,30})?-[0-9]{2}$")] private static partial Regex LeitwegId();
}
