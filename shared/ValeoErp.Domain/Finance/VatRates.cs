using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;

namespace ValeoErp.Domain.Finance;

/// <summary>Which rate applies: the article's category for normal sales, the §24 average rate for flat-rate farmers.</summary>
public enum VatRateCode { Standard, Reduced, Zero, FlatRateFarmer }

/// <summary>One rate valid from a date (inclusive) until the next entry of the same code starts.</summary>
public sealed record VatRate(VatRateCode Code, decimal Percent, LocalDate ValidFrom, string Legal);

/// <summary>
/// Rates are data, never constants: the rate in force on the delivery date applies, including the
/// history of the §24 UStG average rate for flat-rate farmers.
/// </summary>
public sealed class VatRateTable(IEnumerable<VatRate> rates)
{
    private readonly VatRate[] _rates = rates.OrderBy(r => r.Code).ThenByDescending(r => r.ValidFrom).ToArray();

    public IReadOnlyList<VatRate> All => _rates;

    public Result<VatRate> RateOn(VatRateCode code, LocalDate date)
    {
        var rate = _rates.FirstOrDefault(r => r.Code == code && r.ValidFrom <= date);
        return rate is null
            ? new RuleBroken("vat-rate-missing", $"No {code} VAT rate is in force on {date:yyyy-MM-dd}.")
            : rate;
    }

    public static VatRateCode CodeFor(VatCategory category) => category switch
    {
        VatCategory.Standard => VatRateCode.Standard,
        VatCategory.Reduced => VatRateCode.Reduced,
        _ => VatRateCode.Zero,
    };

    /// <summary>German rates since 2007, incl. the 2020 temporary cut and the §24 history (DOMAIN.md).</summary>
    public static IReadOnlyList<VatRate> GermanDefaults { get; } =
    [
        new(VatRateCode.Standard, 19m, new LocalDate(2007, 1, 1), "§12 (1) UStG"),
        new(VatRateCode.Standard, 16m, new LocalDate(2020, 7, 1), "§28 (1) UStG (temporary cut)"),
        new(VatRateCode.Standard, 19m, new LocalDate(2021, 1, 1), "§12 (1) UStG"),
        new(VatRateCode.Reduced, 7m, new LocalDate(2007, 1, 1), "§12 (2) UStG"),
        new(VatRateCode.Reduced, 5m, new LocalDate(2020, 7, 1), "§28 (2) UStG (temporary cut)"),
        new(VatRateCode.Reduced, 7m, new LocalDate(2021, 1, 1), "§12 (2) UStG"),
        new(VatRateCode.Zero, 0m, new LocalDate(2007, 1, 1), "§4 UStG (tax-exempt supplies)"),
        new(VatRateCode.FlatRateFarmer, 10.7m, new LocalDate(2007, 1, 1), "§24 (1) Nr. 3 UStG"),
        new(VatRateCode.FlatRateFarmer, 9.5m, new LocalDate(2022, 1, 1), "§24 (1) Nr. 3 UStG"),
        new(VatRateCode.FlatRateFarmer, 9.0m, new LocalDate(2023, 1, 1), "§24 (1) Nr. 3 UStG"),
        new(VatRateCode.FlatRateFarmer, 8.4m, new LocalDate(2024, 12, 6), "§24 (1) Nr. 3 UStG (Wachstumschancengesetz)"),
        new(VatRateCode.FlatRateFarmer, 7.8m, new LocalDate(2025, 1, 1), "§24 (1) Nr. 3 UStG (JStG 2024)"),
    ];
}
