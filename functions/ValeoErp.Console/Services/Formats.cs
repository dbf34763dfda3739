using System.Globalization;

namespace ValeoErp.Ui.Services;

/// <summary>Numbers, money and dates in the user's culture (German by default): 1.234,56 € and 02.12.2026.</summary>
public sealed class Formats
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public string Money(decimal? amount) => amount is { } a ? string.Format(C, "{0:N2} €", a) : "";
    public string Quantity(decimal? quantity) => quantity is { } q ? q.ToString("#,0.###", C) : "";
    public string Percent(decimal? rate) => rate is { } r ? string.Format(C, "{0:0.##} %", r) : "";
    public string Date(DateOnly? date) => date?.ToString("d", C) ?? "";
    public string Date(DateTimeOffset? at) => at?.ToLocalTime().ToString("g", C) ?? "";

    /// <summary>The API's local dates and instants travel as ISO strings in some schemas.</summary>
    public string Date(string? iso) =>
        iso is null ? "" : DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d)
        : DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? Date(t) : iso;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
