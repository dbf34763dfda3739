using NodaTime;

namespace ValeoErp.Functions.Triggers;

/// <summary>
/// The six-field NCRONTAB schedules of timerTrigger (second minute hour day month day-of-week), in UTC:
/// numbers, <c>*</c>, lists, ranges and steps. NCrontab and Cronos are not in our package source.
/// </summary>
public sealed class Ncrontab
{
    private readonly bool[][] _fields;

    private Ncrontab(bool[][] fields) => _fields = fields;

    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];

    public static Ncrontab Parse(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6) throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression.");
        return new Ncrontab(parts.Select((p, i) => Field(p, Ranges[i].Min, Ranges[i].Max)).ToArray());
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public Instant Next(Instant after)
    {
        var t = after.InUtc().LocalDateTime.PlusSeconds(1);
        t = t.Date + new LocalTime(t.Hour, t.Minute, t.Second);
        for (var guard = 0; guard < 100_000; guard++)
        {
            if (!_fields[4][t.Month]) { t = new LocalDateTime(t.Year, t.Month, 1, 0, 0).PlusMonths(1); continue; }
            if (!_fields[3][t.Day] || !_fields[5][(int)t.DayOfWeek % 7]) { t = t.Date.PlusDays(1).AtMidnight(); continue; }
            if (!_fields[2][t.Hour]) { t = t.Date.At(new LocalTime(t.Hour, 0)).PlusHours(1); continue; }
            if (!_fields[1][t.Minute]) { t = t.Date.At(new LocalTime(t.Hour, t.Minute)).PlusMinutes(1); continue; }
            if (!_fields[0][t.Second]) { t = t.PlusSeconds(1); continue; }
            return t.InUtc().ToInstant();
        }
        throw new InvalidOperationException("The schedule never fires.");
    }

    private static bool[] Field(string text, int min, int max)
    {
        var allowed = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            var (range, step) = part.Split('/') is [var r, var s] ? (r, int.Parse(s)) : (part, 1);
            var (from, to) = range == "*" ? (min, max)
                : range.Split('-') is [var a, var b] ? (int.Parse(a), int.Parse(b))
                : (int.Parse(range), part.Contains('/') ? max : int.Parse(range));
            if (from < min || to > max || from > to || step < 1) throw new FormatException($"'{part}' is outside {min}-{max}.");
            for (var v = from; v <= to; v += step) allowed[v] = true;
        }
        return allowed;
    }
}
