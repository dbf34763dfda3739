namespace ValeoErp.Functions.Triggers;

/// <summary>
/// Test seam, registered only in the Testing environment: makes a function fail on purpose so retries,
/// dead-lettering and replay can be proven through the real trigger path.
/// </summary>
public sealed class ConsumerFaults
{
    private readonly HashSet<string> _failing = [];
    private readonly HashSet<string> _racing = [];

    public void Fail(string function) { lock (_failing) _failing.Add(function); }

    /// <summary>The function loses every optimistic race (as on a hot record under load) until healed.</summary>
    public void LoseRaces(string function) { lock (_failing) _racing.Add(function); }

    public void Heal(string function)
    {
        lock (_failing)
        {
            _failing.Remove(function);
            _racing.Remove(function);
        }
    }

    public void ThrowIfFailing(string function)
    {
        lock (_failing)
        {
            if (_failing.Contains(function)) throw new InvalidOperationException($"{function} fails on purpose (test fault).");
            if (_racing.Contains(function))
                throw new Application.Abstractions.ConsumerRetryException(new Application.Abstractions.ConcurrentWrite("stock-balance", "test-fault"));
        }
    }
}
