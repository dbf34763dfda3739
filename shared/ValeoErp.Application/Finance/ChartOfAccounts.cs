using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;

namespace ValeoErp.Application.Finance;

public sealed record AccountInput(
    [property: Required, RegularExpression("^[0-9]{4,8}$")] string? Number,
    [property: Required, MaxLength(100)] string? Name,
    [property: Required] AccountKind? Kind,
    bool? AutomaticVat = null);

/// <summary>
/// The tenant's chart (SKR03 at provisioning): accounts can be added and renamed; an account that has been posted to,
/// or that the posting-account settings name, keeps its number and kind and cannot be deleted (GoBD: the books must
/// stay readable as they were).
/// </summary>
public sealed class ChartOfAccounts(MasterData data, Ledger ledger, Settings settings)
{
    public Task<Result<Versioned<Account>>> Create(AccountInput input, CancellationToken ct) =>
        data.Create(AccountResource.Instance, () => Build(input, number: null), ct);

    public async Task<Result<Versioned<Account>>> Update(string number, string? ifMatch, AccountInput input, CancellationToken ct)
    {
        var used = await UsedBy(number, ct);
        return await data.Update(AccountResource.Instance, number, ifMatch, existing =>
        {
            var built = Build(input, number);
            if (!built.IsSuccess) return built;
            if (used is not null && (built.Value.Kind != existing.Kind || built.Value.AutomaticVat != existing.AutomaticVat))
                return new RuleBroken("account-in-use", $"Account {number} is {used}: only its name can change.");
            return built;
        }, ct);
    }

    public async Task<Result<bool>> Delete(string number, string? ifMatch, CancellationToken ct)
    {
        var used = await UsedBy(number, ct);
        return await data.Delete(AccountResource.Instance, number, ifMatch, _ => Task.FromResult<Error?>(used is null ? null
            : new RuleBroken("account-in-use", $"Account {number} is {used} and cannot be deleted; rename it instead.")), ct);
    }

    private static Result<Account> Build(AccountInput input, string? number)
    {
        var errors = new FieldErrors();
        var given = errors.Required("number", input.Number, 8);
        if (given is not null && (given.Length < 4 || !given.All(char.IsAsciiDigit))) errors.Add("number", "must be 4 to 8 digits.");
        if (number is not null && given is not null && given != number) errors.Add("number", "the number of an account cannot change; add a new account.");
        var name = errors.Required("name", input.Name, 100);
        if (input.Kind is null) errors.Add("kind", "is required.");
        if (errors.Any) return errors.ToError();
        return new Account(given!, name!, input.Kind!.Value, input.AutomaticVat ?? false);
    }

    /// <summary>Why the account must stay: named by the posting-account settings, or posted to in a fiscal year (the last eleven).</summary>
    private async Task<string?> UsedBy(string number, CancellationToken ct)
    {
        var mapping = await settings.Accounts(ct);
        string[] named = [mapping.Receivables, mapping.Payables, mapping.Bank, mapping.Cash, .. mapping.Revenue.Values, .. mapping.OutputVat.Values,
            .. mapping.Purchases.Values, .. mapping.InputVat.Values, .. mapping.DiscountsGranted.Values, .. mapping.DiscountsReceived.Values];
        if (named.Contains(number)) return "named in the posting-account settings";
        for (var year = ledger.Today.Year; year >= ledger.Today.Year - 10; year--)
            if ((await ledger.All<JournalEntry>(Scope.Year(year), Books.EntryType, ct)).Any(e => e.Lines.Any(l => l.Account == number)))
                return $"posted to in {year}";
        return null;
    }
}
