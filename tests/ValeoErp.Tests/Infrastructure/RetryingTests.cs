using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Tests.Infrastructure;

/// <summary>Issue 13: commands that lose an optimistic race queue behind each other instead of spinning.</summary>
public sealed class RetryingTests
{
    [Fact]
    public async Task SixteenCommandsOnOneHotRecord_AllSucceed_WithAboutOneExtraAttemptEach()
    {
        var version = 0;
        var attempts = 0;
        var gate = new object();
        async Task<Result<int>> Command()
        {
            Interlocked.Increment(ref attempts);
            int seen;
            lock (gate) seen = version;
            await Task.Delay(2); // the command's work between reading the record and committing it
            lock (gate)
            {
                if (version != seen) return new ConcurrentWrite("counter", "hot-record-test");
                return ++version;
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Ledger.Retrying(Command))));

        results.Should().OnlyContain(r => r.IsSuccess);
        results.Select(r => r.Value).Should().BeEquivalentTo(Enumerable.Range(1, 16), "every command committed once");
        attempts.Should().BeLessThanOrEqualTo(3 * 16, "after its first loss a command waits for the other losers instead of spinning");
    }

    [Fact]
    public async Task AConflictThatNeverClears_EndsAfterMaxAttempts_WithTheConflict()
    {
        var attempts = 0;
        var result = await Ledger.Retrying(() =>
        {
            attempts++;
            return Task.FromResult<Result<int>>(new ConcurrentWrite("counter", "always-taken"));
        }, maxAttempts: 5);
        result.Error.Should().BeOfType<ConcurrentWrite>();
        attempts.Should().Be(5);
    }
}
