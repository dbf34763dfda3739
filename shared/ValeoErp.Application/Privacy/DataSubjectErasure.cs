using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Privacy;

public sealed record ErasureInput([property: System.ComponentModel.DataAnnotations.MaxLength(500)] string? Reason = null);

/// <summary>What was done for an erasure request: the pseudonym, what was deleted and what is kept restricted, and why.</summary>
public sealed record ErasureRecord(string PartnerId, string Pseudonym, int ContactsDeleted, int DocumentsPseudonymised,
    IReadOnlyList<string> KeptRestricted, string By, NodaTime.Instant At, string? Reason, IReadOnlyList<string> Redacted);

/// <summary>
/// GDPR Art. 17 within GoBD: the partner's master data is pseudonymised (its name, address, e-mail, phone, bank account
/// and ids replaced), its contacts deleted, its quotes, orders and delivery notes pseudonymised; posted invoices, their archived
/// PDFs and the books stay as the retention rules require (restricted: shown only where a document is read). The
/// audit log keeps its rows (the hash chain covers them) and the API shows them with the erased values redacted.
/// The request is recorded.
/// </summary>
public sealed class DataSubjectErasure(Ledger ledger, MasterData data)
{
    public const string Type = "gdpr-erasure";
    public const string Redaction = "[gelöscht]";

    public async Task<Result<ErasureRecord>> Erase(string partnerId, ErasureInput input, CancellationToken ct)
    {
        if (await ledger.Find<Partner>(Scope.Master, PartnerResource.Customers.RecordType, partnerId, ct) is not { } found)
            return new NotFound("Partner", partnerId);
        if (await ledger.Find<ErasureRecord>(Scope.Master, Type, partnerId, ct) is { } done)
            return new RuleBroken("already-erased", $"Partner {partnerId} was erased on {done.Value.At}.");
        var partner = found.Value;
        var pseudonym = $"Gelöschter Partner {partner.Number}";
        var contacts = await ledger.All<Contact>(Scope.Master, ContactResource.Instance.RecordType, ct, ContactResource.PartnerLabel(partnerId));
        string?[] values = [partner.Name, partner.Address.Street, partner.Address.City, partner.Email, partner.Phone, partner.VatId, partner.TaxNumber,
            partner.BankAccount?.Iban, partner.EInvoiceAddress, .. contacts.SelectMany(c => new[] { c.Name, c.Email, c.Phone })];
        var redacted = values.Where(v => v is { Length: >= 3 }).Select(v => v!).Distinct().OrderByDescending(v => v.Length).ToArray();

        // Record first: the audit view redacts from this record on, even if a step below has to be repeated.
        var record = new ErasureRecord(partnerId, pseudonym, contacts.Count, 0, [], ledger.UserId, ledger.Now, input.Reason, redacted);
        var start = new ChangeSet();
        Ledger.Create(start, Type, partnerId, record, RecordIndex.For(partnerId));
        ledger.Record(start, Type, "gdpr.erased", partnerId, null, ValeoJson.Serialize(new { partnerId, pseudonym, at = ledger.Now }));
        if (await ledger.Commit(Scope.Master, start, ct) is { } error) return error;

        foreach (var contact in contacts)
            await data.Delete(ContactResource.Instance, contact.Id, "*", _ => Task.FromResult<Error?>(null), ct);
        var updated = await data.Update(PartnerResource.Customers, partnerId, "*", p => p with
        {
            Name = pseudonym, Address = new Address("-", "-", "-", p.Address.Country), Email = null, Phone = null, VatId = null, TaxNumber = null,
            BankAccount = null, EInvoiceAddress = null, BuyerReference = null,
        }, ct);
        if (!updated.IsSuccess) return updated.Error!;

        var drafts = 0;
        var kept = new List<string>();
        for (var year = ledger.Today.Year - DataSubjectExport.BookYears; year <= ledger.Today.Year + 1; year++)
            foreach (var document in await ledger.All<TradeDocument>(Scope.Year(year), DocumentStore.Type, ct, $"partner:{partnerId}"))
            {
                // Posted invoices and credit notes keep their recipient (§14 UStG); quotes, orders and delivery notes do not need it.
                if (document.Status == DocumentStatus.Posted) { kept.Add(document.Number ?? document.Id); continue; }
                var current = await DocumentStore.Load(ledger, document.Id, ct, document.Kind);
                if (!current.IsSuccess) continue;
                var changes = new ChangeSet();
                DocumentStore.Stage(ledger, changes, current.Value.Value with { PartnerName = pseudonym }, current.Value, "pseudonymised");
                if (await ledger.Commit(Scope.Year(year), changes, ct) is null) drafts++;
            }
        var final = record with { DocumentsPseudonymised = drafts, KeptRestricted = kept };
        var finish = new ChangeSet();
        Ledger.Replace(finish, Type, partnerId, 1, final, RecordIndex.For(partnerId));
        await ledger.Commit(Scope.Master, finish, ct);
        return final;
    }

    /// <summary>The erased values of every erasure of the tenant, longest first (for redacting texts the API shows).</summary>
    public static async Task<IReadOnlyList<string>> Erased(Ledger ledger, CancellationToken ct) =>
        [.. (await ledger.All<ErasureRecord>(Scope.Master, Type, ct)).SelectMany(e => e.Redacted).Distinct().OrderByDescending(v => v.Length)];

    public static string? Redact(string? text, IReadOnlyList<string> erased)
    {
        if (text is null || erased.Count == 0) return text;
        foreach (var value in erased)
        {
            text = text.Replace(value, Redaction, StringComparison.Ordinal);
            var escaped = System.Text.Json.JsonSerializer.Serialize(value)[1..^1]; // as it appears inside JSON (umlauts escaped)
            if (escaped != value) text = text.Replace(escaped, Redaction, StringComparison.Ordinal);
        }
        return text;
    }
}
