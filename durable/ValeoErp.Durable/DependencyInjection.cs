namespace ValeoErp.Durable;

/// <summary>The process managers, each a consumer bound to its function.json, plus the queries and commands on instances.</summary>
public static class ProcessManagers
{
    public static IEnumerable<Type> Consumers { get; } = [typeof(OrderToCash), typeof(ApprovalEscalation), typeof(ReorderProposals)];

    public static IEnumerable<Type> Services { get; } = [typeof(ProcessQueries), .. Consumers];
}
