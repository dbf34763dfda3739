using NodaTime;

namespace ValeoErp.Tests.Support;

/// <summary>A clock the test sets; nothing in the tests sleeps.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;
    public Instant GetCurrentInstant() => Now;
    public void Advance(Duration by) => Now = Now.Plus(by);
}
