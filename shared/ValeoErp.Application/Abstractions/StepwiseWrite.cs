using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Abstractions;

/// <summary>
/// A write too large for one atomic change set (provisioning, seeding), done as numbered steps that each commit
/// atomically with a step marker. A crash leaves whole steps behind, never half of one, and the next run skips
/// the steps whose marker exists and does the rest. That only holds when every run stages the same units in the
/// same order with the same sizes: each marker keeps a fingerprint of its step's shape, and a run whose steps no
/// longer match is refused - change the write's name when its content changes, so old markers do not apply.
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
    public IReadOnlyList<ChangeSet> Steps() => Pack().Select(p => p.Step).ToArray();

    /// <returns>How many steps this call committed (0 when an earlier run did them all).</returns>
    /// <exception cref="InvalidOperationException">A step an earlier run committed had a different shape.</exception>
    public async Task<int> Apply(CancellationToken ct)
    {
        var steps = Pack();
        var committed = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var id = MarkerId(i);
            var (step, fingerprint) = steps[i];
            if (await store.Get(tenant, scope, MarkerType, id, ct) is { } done)
            {
                EnsureSame(done, fingerprint, i);
                continue;
            }
            step.Writes.Add(new CreateRecord(MarkerType, id,
                ValeoJson.Serialize(new { write = name, step = i + 1, of = steps.Count, fingerprint }), RecordIndex.For(id)));
            try
            {
                await store.Commit(tenant, scope, step, ct);
                committed++;
            }
            catch (RecordConflictException)
            {
                // A concurrent run that committed this step first is the same outcome; anything else is not. Its marker
                // may take a moment to be readable from here (Cosmos session consistency across processes).
                if (await MarkerAfterConflict(id, ct) is not { } other) throw;
                EnsureSame(other, fingerprint, i);
            }
        }
        return committed;
    }

    private async Task<StoredRecord?> MarkerAfterConflict(string id, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.Get(tenant, scope, MarkerType, id, ct) is { } marker) return marker;
            await Task.Delay(100 * (attempt + 1), ct);
        }
        return null;
    }

    private void EnsureSame(StoredRecord marker, string fingerprint, int step)
    {
        using var json = JsonDocument.Parse(marker.Json);
        if (json.RootElement.TryGetProperty("fingerprint", out var recorded) && recorded.GetString() != fingerprint)
            throw new InvalidOperationException(
                $"Step {step + 1} of '{name}' was committed with a different shape than this run stages; give the write a new name when its content changes.");
    }

    private List<(ChangeSet Step, string Fingerprint)> Pack()
    {
        var steps = new List<(ChangeSet Step, StringBuilder Shape)>();
        foreach (var unit in _units)
        {
            if (steps.Count == 0 || steps[^1].Step.Operations + unit.Operations + MarkerOperations > ChangeSet.MaxOperations)
                steps.Add((new ChangeSet(), new StringBuilder()));
            var (step, shape) = steps[^1];
            step.Writes.AddRange(unit.Writes);
            step.Audit.AddRange(unit.Audit);
            step.Events.AddRange(unit.Events);
            // Types and sizes, not ids: record ids may be new on every run, the shape of what is staged may not change.
            shape.Append(unit.Operations).Append(':').AppendJoin(',', unit.Writes.Select(w => w.Type)).Append(';');
        }
        return steps.Select(s => (s.Step, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s.Shape.ToString())))[..16])).ToList();
    }

    private string MarkerId(int step) => $"{name}:{step + 1:000}";
}
