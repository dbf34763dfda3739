using NodaTime;

namespace ValeoErp.Domain.Finance;

/// <summary>A posting period: one calendar month. A closed period accepts no postings.</summary>
public static class Periods
{
    public static string Of(LocalDate date) => $"{date.Year:0000}-{date.Month:00}";

    public static bool TryParse(string value, out (int Year, int Month) period)
    {
        period = default;
        if (value.Length != 7 || value[4] != '-' || !int.TryParse(value[..4], out var y) || !int.TryParse(value[5..], out var m)
            || y is < 2000 or > 2100 || m is < 1 or > 12) return false;
        period = (y, m);
        return true;
    }
}
