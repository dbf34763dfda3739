using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Finance;

/// <summary>The tenant's DATEV tax keys (BU-Schlüssel) per tax code of our postings, as its tax advisor wants them.</summary>
public sealed record DatevKeyTable(IReadOnlyDictionary<string, string> Keys);

public sealed record DatevKeyTableInput([property: Required] Dictionary<string, string?>? Keys);

/// <summary>
/// GET/PUT /api/v1/settings/datev-keys: which BU key a line with a tax code gets in the DATEV export (SKR03 defaults:
/// 3/2 output, 9/8 input; none for the §24 flat rate, whose net and VAT then go out as separate rows). Automatic
/// accounts never get a key, whatever the table says.
/// </summary>
public sealed class DatevKeys(Ledger ledger)
{
    public const string Id = "datev-keys";
    public static readonly string[] TaxCodes = ["19-output", "7-output", "19-input", "7-input", "flat-rate-input"];

    public async Task<Versioned<DatevKeyTable>> Get(CancellationToken ct) =>
        await ledger.Find<DatevKeyTable>(Scope.Master, Settings.Type, Id, ct) ?? new Versioned<DatevKeyTable>(new DatevKeyTable(DatevChart.DefaultKeys), 0);

    public async Task<Result<Versioned<DatevKeyTable>>> Update(DatevKeyTableInput input, string? ifMatch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var errors = new FieldErrors();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Keys is null) errors.Add("keys", "is required.");
        foreach (var (code, key) in input.Keys ?? [])
        {
            if (!TaxCodes.Contains(code)) errors.Add($"keys.{code}", $"is no tax code of the postings ({string.Join(", ", TaxCodes)}).");
            else if (key is not null && (key.Length is < 1 or > 4 || !key.All(char.IsAsciiDigit))) errors.Add($"keys.{code}", "must be a DATEV key of 1 to 4 digits, or null for none.");
            else if (key is not null) keys[code] = key;
        }
        if (errors.Any) return errors.ToError();
        var current = await Get(ct);
        if (!ETags.Matches(ifMatch, current.Version)) return new VersionMismatch(current.Version);
        var updated = new DatevKeyTable(keys);
        var changes = new ChangeSet();
        if (current.Version == 0) Ledger.Create(changes, Settings.Type, Id, updated, RecordIndex.For(Id));
        else Ledger.Replace(changes, Settings.Type, Id, current.Version, updated, RecordIndex.For(Id));
        ledger.Record(changes, Settings.Type, "settings.datevKeys.updated", Id, current.Value, updated);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error
            ? error is ConcurrentWrite ? new VersionMismatch(current.Version) : error
            : new Versioned<DatevKeyTable>(updated, current.Version + 1);
    }
}
