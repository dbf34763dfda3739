using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// A write too large for one atomic change set (provisioning, seeding), done as numbered steps that each commit
/// atomically with a step marker. A crash leaves whole steps behind, never half of one, and the next run skips
/// the steps whose marker exists and does the rest. That only holds when every run stages the same units in the
/// same order with the same sizes; when the content changes, change the write's name so old markers do not apply.
/// </summary>
public sealed class StepwiseWrite(IRecordStore store, TenantId tenant, Scope scope, string name)
{
    public const string MarkerType = "step";
    private const int MarkerOperations = 1;
    private readonly List<ChangeSet> _units = [];

    /// <summary>Adds one unit that must be written atomically as a whole (e.g. a record with its unique keys).</summary>
    public StepwiseWrite Add(Action<ChangeSet> stage)
    {
        var unit = new ChangeSet();
        stage(unit);
        return Add(unit);
    }

    public StepwiseWrite Add(ChangeSet unit)
    {
        if (unit.Idempotency is not null) throw new ArgumentException("A step carries no idempotency record.", nameof(unit));
        if (unit.Operations + MarkerOperations > ChangeSet.MaxOperations) throw new ChangeSetTooLargeException(unit.Operations + MarkerOperations);
        if (!unit.IsEmpty) _units.Add(unit);
        return this;
    }

    /// <summary>The change sets the units pack into, in order; each leaves room for its step marker.</summary>
    public IReadOnlyList<ChangeSet> Steps()
    {
        var steps = new List<ChangeSet>();
        ChangeSet? current = null;
        foreach (var unit in _units)
        {
            if (current is null || current.Operations + unit.Operations + MarkerOperations > ChangeSet.MaxOperations)
                steps.Add(current = new ChangeSet());
            current.Writes.AddRange(unit.Writes);
            current.Audit.AddRange(unit.Audit);
            current.Events.AddRange(unit.Events);
        }
        return steps;
    }

    /// <returns>How many steps this call committed (0 when an earlier run did them all).</returns>
    public async Task<int> Apply(CancellationToken ct)
    {
        var steps = Steps();
        var committed = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var id = MarkerId(i);
            if (await store.Get(tenant, scope, MarkerType, id, ct) is not null) continue;
            var step = steps[i];
            step.Writes.Add(new CreateRecord(MarkerType, id,
                ValeoJson.Serialize(new { write = name, step = i + 1, of = steps.Count }), RecordIndex.For(id)));
            try
            {
                await store.Commit(tenant, scope, step, ct);
                committed++;
            }
            catch (RecordConflictException)
            {
                // a concurrent run that committed this step first is the same outcome; anything else is not
                if (await store.Get(tenant, scope, MarkerType, id, ct) is null) throw;
            }
        }
        return committed;
    }

    private string MarkerId(int step) => $"{name}:{step + 1:000}";
}
