using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Tenants;

/// <summary>
/// Approval thresholds per document kind (gross EUR): at or above the threshold a submitted document
/// waits for an approver; a kind without a threshold needs no approval. Tenant configuration.
/// </summary>
public sealed record ApprovalPolicy(IReadOnlyDictionary<DocumentKind, decimal?> Thresholds)
{
    /// <summary>How long a submission may wait for a decision before it escalates.</summary>
    public int SlaHours { get; init; } = 24;

    /// <summary>Who is asked next when the SLA passes: the first approver role, then this one.</summary>
    public string EscalateTo { get; init; } = "admin";

    public static ApprovalPolicy Default { get; } = new(new Dictionary<DocumentKind, decimal?>
    {
        [DocumentKind.SalesOrder] = 10_000m,
        [DocumentKind.PurchaseOrder] = 10_000m,
        [DocumentKind.PurchaseInvoice] = 10_000m,
        [DocumentKind.SalesCreditNote] = 1_000m,
    });

    public decimal? For(DocumentKind kind) => Thresholds.TryGetValue(kind, out var limit) ? limit : null;
}

public sealed record ApprovalPolicyInput(Dictionary<string, decimal?>? Thresholds);

/// <summary>Reads the tenant's configuration, falling back to the defaults a tenant is provisioned with.</summary>
public sealed class Settings(Ledger ledger)
{
    public const string Type = "settings";
    public const string ApprovalId = "approval";
    public const string AccountsId = "posting-accounts";

    public async Task<Versioned<ApprovalPolicy>> Approval(CancellationToken ct) =>
        await ledger.Find<ApprovalPolicy>(Scope.Master, Type, ApprovalId, ct) ?? new Versioned<ApprovalPolicy>(ApprovalPolicy.Default, 0);

    public async Task<PostingAccounts> Accounts(CancellationToken ct) =>
        (await ledger.Find<PostingAccounts>(Scope.Master, Type, AccountsId, ct))?.Value ?? new PostingAccounts();

    public async Task<VatRateTable> VatRates(CancellationToken ct) =>
        new(await ledger.All<VatRate>(Scope.Master, VatRateResource.Instance.RecordType, ct));

    public async Task<Result<Versioned<ApprovalPolicy>>> UpdateApproval(ApprovalPolicyInput input, string? ifMatch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var errors = new FieldErrors();
        var thresholds = new Dictionary<DocumentKind, decimal?>();
        foreach (var (key, value) in input.Thresholds ?? [])
        {
            var kind = Partners.PartnerRules.ParseEnum<DocumentKind>(errors, $"thresholds.{key}", key);
            if (value is < 0m || (value is { } v && Money.Round(v) != v)) errors.Add($"thresholds.{key}", "must be a non-negative amount in cents.");
            if (kind is { } k) thresholds[k] = value;
        }
        if (input.Thresholds is null) errors.Add("thresholds", "is required.");
        if (errors.Any) return errors.ToError();

        var current = await Approval(ct);
        if (!ETags.Matches(ifMatch, current.Version)) return new VersionMismatch(current.Version);
        var updated = new ApprovalPolicy(thresholds);
        var changes = new ChangeSet();
        if (current.Version == 0) Ledger.Create(changes, Type, ApprovalId, updated, RecordIndex.For(ApprovalId));
        else Ledger.Replace(changes, Type, ApprovalId, current.Version, updated, RecordIndex.For(ApprovalId));
        ledger.Record(changes, Type, "settings.approval.updated", ApprovalId, current.Value, updated);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error
            ? error is ConcurrentWrite ? new VersionMismatch(current.Version) : error
            : new Versioned<ApprovalPolicy>(updated, current.Version + 1);
    }
}
