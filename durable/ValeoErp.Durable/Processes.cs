using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Durable.Engine;

namespace ValeoErp.Durable;

/// <summary>The orchestrations, their activities, and the event consumers that start and drive them.</summary>
public static class Processes
{
    public static readonly ActivitySource Tracing = new("ValeoErp.Processes");

    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(OrderToCash), typeof(Approval), typeof(Reorder)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ReserveOrderStock), typeof(ReleaseDeliveredStock), typeof(CheckOrderInvoiced), typeof(CompensateOrder),
        typeof(EscalateApproval), typeof(OrderProposedQuantity), typeof(CloseProposal),
    ];

    public static IReadOnlyList<Type> Consumers { get; } = [typeof(OrderToCashTrigger), typeof(ApprovalTrigger), typeof(ReorderTrigger)];

    public static string KindOf(string orchestrator) => orchestrator switch
    {
        nameof(OrderToCash) => OrderToCash.Kind,
        nameof(Approval) => Approval.Kind,
        nameof(Reorder) => Reorder.Kind,
        _ => orchestrator,
    };
}

/// <summary>Every activity input names its tenant, its process and the trace it continues.</summary>
public interface IProcessInput
{
    string Tenant { get; }
    string ProcessId { get; }
    string? TraceParent { get; }
}

/// <summary>
/// An activity runs in its own DI scope as the process acting for the tenant, so it calls the application features
/// like a request would. Activities run at least once: each effect commits with a processed-mark for its step, so a
/// second run after a crash changes nothing.
/// </summary>
public abstract class ProcessActivity<TIn, TOut>(IServiceScopeFactory scopes) : TaskActivity<TIn, TOut> where TIn : IProcessInput
{
    public const string Actor = "process";

    public sealed override async Task<TOut> RunAsync(TaskActivityContext context, TIn input)
    {
        using var activity = input.TraceParent is not null && ActivityContext.TryParse(input.TraceParent, null, out var parent)
            ? Processes.Tracing.StartActivity($"activity {context.Name}", ActivityKind.Internal, parent)
            : Processes.Tracing.StartActivity($"activity {context.Name}");
        activity?.SetTag("valeo.process", input.ProcessId);
        await using var scope = scopes.CreateAsyncScope();
        var request = scope.ServiceProvider.GetRequiredService<RequestContext>();
        request.Actor = new Actor(TenantId.Parse(input.Tenant).Value, ActingUser(input), new HashSet<string>());
        request.CorrelationId = input.ProcessId;
        request.CausationId = $"{input.ProcessId}/{context.Name}";
        request.TraceParent = Activity.Current?.Id ?? input.TraceParent;
        return await Run(scope.ServiceProvider, input, CancellationToken.None);
    }

    /// <summary>Whom the audit trail names for the activity's effects: the process, or the person whose decision it carries out.</summary>
    protected virtual string ActingUser(TIn input) => Actor;

    protected abstract Task<TOut> Run(IServiceProvider services, TIn input, CancellationToken ct);

    /// <summary>
    /// Runs read-decide-commit again on fresh state when it lost a race. An attempt commits its effect with the
    /// processed-mark of its step, so a repeated step (a duplicate mark) is success without effect.
    /// </summary>
    protected static async Task Effect(string step, Func<Task<Error?>> attempt)
    {
        var result = await Ledger.Retrying<bool>(async () => await attempt() is { } error ? error : true, maxAttempts: 20);
        if (!result.IsSuccess && !Consumption.IsDuplicate(result.Error)) throw new InvalidOperationException($"{step}: {result.Error!.Code} {result.Error.Message}");
    }

    protected static string Step(string processId, string step) => $"{processId}/{step}";
}
