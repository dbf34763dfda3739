using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Durable;

/// <summary>Process instances by id, or listed by kind and state for a fiscal year.</summary>
public sealed class ProcessQueries(Ledger ledger)
{
    public async Task<Result<Versioned<ProcessInstance>>> Get(string id, CancellationToken ct) =>
        await Processes.Find(ledger, id, ct) is { } found ? found : new NotFound("Process", id);

    public async Task<Page<ProcessInstance>> List(string? kind, string? state, int? year, int limit, string? continuation, CancellationToken ct)
    {
        var more = new List<string>();
        if (!string.IsNullOrWhiteSpace(state)) more.Add($"state:{state}");
        var page = await ledger.List<ProcessInstance>(Scope.Year(year ?? ledger.Today.Year),
            new RecordQuery(Processes.Type, limit, continuation, string.IsNullOrWhiteSpace(kind) ? null : $"kind:{kind}") { MoreLabels = more }, ct);
        return new Page<ProcessInstance>(page.Items.Select(v => v.Value).ToArray(), page.Continuation);
    }
}
