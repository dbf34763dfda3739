namespace ValeoErp.Domain.Finance;

public enum AccountKind { Asset, Liability, Revenue, Expense, Tax, Equity }

/// <summary>A ledger account of the tenant's chart. <see cref="AutomaticVat"/> marks DATEV automatic accounts.</summary>
public sealed record Account(string Number, string Name, AccountKind Kind, bool AutomaticVat = false);
