namespace ValeoErp.Durable.Engine;

/// <summary>
/// Wakes every waiter when work is written, so dispatchers do not have to wait a full polling interval.
/// </summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource signal = NewSource();

    public void Pulse() => Interlocked.Exchange(ref signal, NewSource()).TrySetResult();

    /// <summary>Waits until the next pulse or the timeout, whichever comes first; never throws on cancellation.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task pulsed = Volatile.Read(ref signal).Task;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        await pulsed.WaitAsync(timeout, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
