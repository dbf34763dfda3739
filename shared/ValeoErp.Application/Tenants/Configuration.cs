using System.Text.RegularExpressions;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Tenants;

public sealed record NumberSeriesInput(string? Pattern, int? Digits);

/// <summary>
/// What a tenant's tax advisor configures: the number pattern per document type (the counter itself
/// cannot be touched, so numbers are never reused) and the accounts postings go to.
/// </summary>
public sealed partial class Configuration(MasterData data, Ledger ledger)
{
    public Task<Result<Versioned<NumberSeries>>> UpdateSeries(string documentType, string? ifMatch, NumberSeriesInput input, CancellationToken ct) =>
        data.Update(NumberSeriesResource.Instance, documentType, ifMatch, existing =>
        {
            var errors = new FieldErrors();
            var pattern = errors.Required("pattern", input.Pattern, 20);
            if (pattern is not null && !Pattern().IsMatch(pattern))
                errors.Add("pattern", "may hold letters, digits, '-', '/', '_' and the placeholder {yyyy}.");
            if (input.Digits is not (>= 3 and <= 10)) errors.Add("digits", "must be between 3 and 10.");
            if (errors.Any) return errors.ToError();
            return existing with { Pattern = pattern!, Digits = input.Digits!.Value };
        }, ct);

    public async Task<Versioned<PostingAccounts>> Accounts(CancellationToken ct) =>
        await ledger.Find<PostingAccounts>(Scope.Master, Settings.Type, Settings.AccountsId, ct) ?? new Versioned<PostingAccounts>(new PostingAccounts(), 0);

    public async Task<Result<Versioned<PostingAccounts>>> UpdateAccounts(PostingAccounts input, string? ifMatch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var chart = (await ledger.All<Account>(Scope.Master, AccountResource.Instance.RecordType, ct)).Select(a => a.Number).ToHashSet();
        var errors = new FieldErrors();
        foreach (var (field, account) in new[] { ("receivables", input.Receivables), ("payables", input.Payables), ("bank", input.Bank), ("cash", input.Cash) })
            if (!chart.Contains(account)) errors.Add(field, $"account {account} is not in the chart of accounts.");
        // A body may carry null where the record type says never: checked here, not trusted.
        foreach (var (field, map) in new (string, IReadOnlyDictionary<VatRateCode, string>?)[] { ("revenue", input.Revenue), ("outputVat", input.OutputVat), ("purchases", input.Purchases),
                     ("inputVat", input.InputVat), ("discountsGranted", input.DiscountsGranted), ("discountsReceived", input.DiscountsReceived) })
            if (map is null) errors.Add(field, "is required.");
            else foreach (var (code, account) in map)
                if (!chart.Contains(account)) errors.Add($"{field}.{char.ToLowerInvariant(code.ToString()[0])}{code.ToString()[1..]}", $"account {account} is not in the chart of accounts.");
        if (errors.Any) return errors.ToError();

        var current = await Accounts(ct);
        if (!ETags.Matches(ifMatch, current.Version)) return new VersionMismatch(current.Version);
        var changes = new ChangeSet();
        if (current.Version == 0) Ledger.Create(changes, Settings.Type, Settings.AccountsId, input, RecordIndex.For(Settings.AccountsId));
        else Ledger.Replace(changes, Settings.Type, Settings.AccountsId, current.Version, input, RecordIndex.For(Settings.AccountsId));
        ledger.Record(changes, Settings.Type, "settings.postingAccounts.updated", Settings.AccountsId, current.Value, input);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error
            ? error is ConcurrentWrite ? new VersionMismatch(current.Version) : error
            : new Versioned<PostingAccounts>(input, current.Version + 1);
    }

    [GeneratedRegex(@"^([A-Za-z0-9/_\-]|\{yyyy\})*$")] private static partial Regex Pattern();
}
