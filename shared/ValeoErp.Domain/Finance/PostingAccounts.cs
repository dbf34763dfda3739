namespace ValeoErp.Domain.Finance;

/// <summary>
/// Which SKR03 account each kind of amount goes to. Tenant data: the tax advisor may change it; these
/// are the defaults (DOMAIN.md). Keys are the VAT rate codes of the tax breakdown.
/// </summary>
public sealed record PostingAccounts
{
    public string Receivables { get; init; } = "1400";
    public string Payables { get; init; } = "1600";
    public string Bank { get; init; } = "1200";
    public string Cash { get; init; } = "1000";
    public IReadOnlyDictionary<VatRateCode, string> Revenue { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "8400", [VatRateCode.Reduced] = "8300", [VatRateCode.Zero] = "8125" };
    public IReadOnlyDictionary<VatRateCode, string> OutputVat { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "1776", [VatRateCode.Reduced] = "1771" };
    public IReadOnlyDictionary<VatRateCode, string> Purchases { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "3400", [VatRateCode.Reduced] = "3300", [VatRateCode.FlatRateFarmer] = "3540", [VatRateCode.Zero] = "3425" };
    public IReadOnlyDictionary<VatRateCode, string> InputVat { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "1576", [VatRateCode.Reduced] = "1571", [VatRateCode.FlatRateFarmer] = "1588" };
    public IReadOnlyDictionary<VatRateCode, string> DiscountsGranted { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "8736", [VatRateCode.Reduced] = "8731", [VatRateCode.Zero] = "8736" };
    public IReadOnlyDictionary<VatRateCode, string> DiscountsReceived { get; init; } = new Dictionary<VatRateCode, string>
        { [VatRateCode.Standard] = "3736", [VatRateCode.Reduced] = "3731", [VatRateCode.FlatRateFarmer] = "3731", [VatRateCode.Zero] = "3736" };

    public static string From(IReadOnlyDictionary<VatRateCode, string> map, VatRateCode code, string what) =>
        map.TryGetValue(code, out var account) ? account
            : throw new InvalidOperationException($"The tenant's posting accounts name no {what} account for {code}.");
}
