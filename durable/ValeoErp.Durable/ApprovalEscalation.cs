using System.Text.Json;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Durable;

/// <summary>The scheduled timeout of one wait: it only counts if the wait it was set for is still the current one.</summary>
public sealed record SlaExpired(string ProcessId, Instant DueAt);

/// <summary>
/// Approval with escalation: a submission waiting for a decision starts an instance and schedules its SLA
/// timeout (a message due at submitted + SLA). A decision completes it; a timeout that finds it still
/// waiting escalates to the next approver role and emits <c>approval.escalated</c> for notification.
/// </summary>
public sealed class ApprovalEscalation(Ledger ledger, Settings settings) : IEventConsumer
{
    public const string Kind = "approval";

    public string Function => "Approvals";

    public static string IdFor(string documentId) => $"{documentId}-approval";

    public Task Handle(EventEnvelope e, CancellationToken ct) => Processes.Retrying(async () =>
        e.Type switch
        {
            "approval.slaExpired" => await Expired(e, e.Data.Deserialize<SlaExpired>(ValeoJson.Options)!, ct),
            _ when e.Type.EndsWith(".submitted", StringComparison.Ordinal) => await Submitted(e, Read(e), ct),
            _ when e.Type.EndsWith(".approved", StringComparison.Ordinal) => await Decided(e, Read(e), "approved", ct),
            _ when e.Type.EndsWith(".rejected", StringComparison.Ordinal) => await Decided(e, Read(e), "rejected", ct),
            _ => null,
        });

    private async Task<Error?> Submitted(EventEnvelope e, TradeDocument document, CancellationToken ct)
    {
        var scope = Scope.Year(document.Year);
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var policy = (await settings.Approval(ct)).Value;
        var due = e.Time + Duration.FromHours(policy.SlaHours);
        var existing = await ledger.Find<ProcessInstance>(scope, Processes.Type, IdFor(document.Id), ct);
        var role = document.Kind.IsPurchase() ? "purchaseManager" : "salesManager";
        var waiting = existing is null
            ? ProcessInstance.Start(IdFor(document.Id), Kind, document.Id, "awaitingApproval", e.Type, ledger.Now, document.Number)
            : existing.Value.Move("awaitingApproval", e.Type, ledger.Now, "resubmitted");
        var changes = new ChangeSet();
        Processes.Stage(ledger, changes, waiting with { DueAt = due, AwaitingRole = role, EscalatedTo = null }, existing);
        ledger.Emit(changes, "approval.slaExpired", $"process/{waiting.Id}", new SlaExpired(waiting.Id, due), notBefore: due);
        return await Commit(scope, changes, e, ct);
    }

    private async Task<Error?> Decided(EventEnvelope e, TradeDocument document, string decision, CancellationToken ct)
    {
        var scope = Scope.Year(document.Year);
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var existing = await ledger.Find<ProcessInstance>(scope, Processes.Type, IdFor(document.Id), ct);
        var changes = new ChangeSet();
        if (existing is { Value.State: "awaitingApproval" or "escalated" })
            Processes.Stage(ledger, changes, existing.Value.Move(decision, e.Type, ledger.Now, e.Actor) with { DueAt = null }, existing);
        return await Commit(scope, changes, e, ct);
    }

    private async Task<Error?> Expired(EventEnvelope e, SlaExpired timeout, CancellationToken ct)
    {
        if (Processes.ScopeOf(timeout.ProcessId) is not { } scope) return null;
        if (await Consumption.AlreadyDone(ledger, scope, Function, e.Id, ct)) return null;
        var existing = await ledger.Find<ProcessInstance>(scope, Processes.Type, timeout.ProcessId, ct);
        var changes = new ChangeSet();
        if (existing is { Value: { State: "awaitingApproval" } waiting } && waiting.DueAt == timeout.DueAt)
        {
            var policy = (await settings.Approval(ct)).Value;
            var escalated = waiting.Move("escalated", e.Type, ledger.Now, $"no decision within {policy.SlaHours} h; escalated to {policy.EscalateTo}")
                with { EscalatedTo = policy.EscalateTo };
            Processes.Stage(ledger, changes, escalated, existing);
            ledger.Emit(changes, "approval.escalated", $"document/{waiting.SubjectId}", new
            {
                processId = waiting.Id, documentId = waiting.SubjectId, waitingSince = waiting.StartedAt, awaitingRole = waiting.AwaitingRole,
                escalatedTo = policy.EscalateTo,
            });
        }
        return await Commit(scope, changes, e, ct);
    }

    private async Task<Error?> Commit(Scope scope, ChangeSet changes, EventEnvelope e, CancellationToken ct)
    {
        Consumption.Mark(changes, Function, e.Id);
        return await ledger.Commit(scope, changes, ct);
    }

    private static TradeDocument Read(EventEnvelope e) => e.Data.Deserialize<TradeDocument>(ValeoJson.Options)!;
}
