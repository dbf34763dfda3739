using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Documents;
using ValeoErp.Durable.Engine;

namespace ValeoErp.Durable;

public sealed record ApprovalInput(string Tenant, string ProcessId, string DocumentId, string Number, string SubmittedBy, Instant At,
    Instant DueAt, int SlaHours, string AwaitingRole, string EscalateTo, string? TraceParent) : IProcessInput;

/// <summary>The four-eyes decision on the document, raised by <see cref="ApprovalTrigger"/> from its approved/rejected event.</summary>
public sealed record ApprovalDecision(string EventId, string Type, string Decision, string? By, Instant At);

/// <summary>
/// Document approval: waits for the four-eyes decision; if none comes before the SLA (a durable timer at submission +
/// SLA), escalates to the next role - the approval.escalated event notifies it - and waits on. The decision itself is
/// made on the document (its approve/reject with the four-eyes rule); the process records it and who made it.
/// </summary>
public sealed class Approval : TaskOrchestrator<ApprovalInput, ProcessInstance>
{
    public const string Kind = "approval";
    public const string Signal = "decision";

    public static string IdFor(string documentId) => $"{documentId}-approval";

    public override async Task<ProcessInstance> RunAsync(TaskOrchestrationContext context, ApprovalInput input)
    {
        var view = ProcessInstance.Start(input.ProcessId, Kind, input.DocumentId, "awaitingApproval", "submitted", input.At, $"{input.Number} by {input.SubmittedBy}")
            with { DueAt = input.DueAt, AwaitingRole = input.AwaitingRole };
        context.SetCustomStatus(view);
        var decision = context.WaitForExternalEvent<ApprovalDecision>(Signal);
        using (var cancelTimer = new CancellationTokenSource())
        {
            var sla = context.CreateTimer(input.DueAt.ToDateTimeUtc(), cancelTimer.Token);
            if (await Task.WhenAny(decision, sla) == sla)
            {
                await context.CallActivityAsync<bool>(nameof(EscalateApproval), input);
                view = view.Move("escalated", "approval.slaExpired", input.DueAt, $"no decision within {input.SlaHours} h; escalated to {input.EscalateTo}")
                    with { EscalatedTo = input.EscalateTo };
                context.SetCustomStatus(view);
            }
            else
            {
                cancelTimer.Cancel();
            }
        }
        var made = await decision;
        view = view.Move(made.Decision, made.Type, made.At, made.By) with { DueAt = null, DecidedBy = made.By };
        context.SetCustomStatus(view);
        return view;
    }
}

/// <summary>Emits approval.escalated once per process, for notification of the next role.</summary>
public sealed class EscalateApproval(IServiceScopeFactory scopes) : ProcessActivity<ApprovalInput, bool>(scopes)
{
    protected override async Task<bool> Run(IServiceProvider services, ApprovalInput input, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<Ledger>();
        var step = Step(input.ProcessId, "escalate");
        await Effect(step, async () =>
        {
            var scope = DocumentStore.ScopeOf(input.DocumentId) ?? throw new InvalidOperationException($"{input.DocumentId} names no fiscal year.");
            if (await Consumption.AlreadyDone(ledger, scope, Actor, step, ct)) return null;
            var changes = new ChangeSet();
            ledger.Emit(changes, "approval.escalated", $"document/{input.DocumentId}", new
            {
                processId = input.ProcessId, documentId = input.DocumentId, waitingSince = input.At, awaitingRole = input.AwaitingRole,
                escalatedTo = input.EscalateTo,
            });
            Consumption.Mark(changes, Actor, step);
            return await ledger.Commit(scope, changes, ct);
        });
        return true;
    }
}

/// <summary>A submission that waits for approval starts the process; the document's approval or rejection decides it.</summary>
public sealed class ApprovalTrigger(ProcessEngine engine, Settings settings, RequestContext context) : IEventConsumer
{
    public string Function => "Approvals";

    public async Task Handle(EventEnvelope e, CancellationToken ct)
    {
        var action = e.Type[(e.Type.LastIndexOf('.') + 1)..];
        if (action is not ("submitted" or "approved" or "rejected")) return; // another subscription's event: acknowledged
        var document = e.Data.Deserialize<TradeDocument>(ValeoJson.Options) ?? throw new JsonException($"{e.Type} carries no document.");
        var id = Approval.IdFor(document.Id);
        switch (action)
        {
            case "submitted":
                var policy = (await settings.Approval(ct)).Value;
                await engine.Start(nameof(Approval), id, new ApprovalInput(e.TenantId, id, document.Id, document.Number ?? document.Id, e.Actor ?? "unknown",
                    e.Time, e.Time + Duration.FromHours(policy.SlaHours), policy.SlaHours,
                    document.Kind.IsPurchase() ? "purchaseManager" : "salesManager", policy.EscalateTo, context.TraceParent));
                break;
            case "approved" or "rejected":
                await engine.Raise(id, Approval.Signal, new ApprovalDecision(e.Id, e.Type, e.Type.EndsWith("approved", StringComparison.Ordinal) ? "approved" : "rejected",
                    e.Actor, e.Time));
                break;
        }
    }
}
