using Cronos;
using NodaTime;

namespace ValeoErp.Functions.Triggers;

/// <summary>The six-field NCRONTAB schedules of timerTrigger (with seconds), evaluated in UTC as the host does, by Cronos.</summary>
public static class TimerSchedule
{
    public static CronExpression Parse(string expression) => CronExpression.Parse(expression, CronFormat.IncludeSeconds);

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public static Instant Next(string expression, Instant after) =>
        Parse(expression).GetNextOccurrence(after.ToDateTimeUtc(), inclusive: false) is { } next
            ? Instant.FromDateTimeUtc(next)
            : throw new InvalidOperationException($"The schedule '{expression}' never fires.");
}
