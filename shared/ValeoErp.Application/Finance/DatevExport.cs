using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Finance;

/// <summary>A month handed over to the tax advisor: closed for postings, exported with Festschreibung, its file's SHA-256.</summary>
public sealed record DatevHandover(string Period, string FileName, string Sha256, string By, Instant At);

public sealed record HandoverInput([property: System.ComponentModel.DataAnnotations.Required,
    System.ComponentModel.DataAnnotations.RegularExpression("^[0-9]{4}-[0-9]{2}$")] string? Period);

/// <summary>A file for the tax advisor: its name (EXTF_...csv, as DATEV requires) and its bytes (Windows-1252).</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The books for the tax advisor's DATEV (GET /api/v1/exports/datev): the Buchungsstapel of a date range within one
/// fiscal year, or the account names. The same period exports to the same bytes every time: the header's creation
/// time is the last posting's time, not the time of the export.
/// </summary>
public sealed class DatevExport(Ledger ledger, Journal journal, Settings settings, CompanyProfiles profiles, DatevKeys keys)
{
    public const string Bookings = "bookings", AccountNames = "accounts", Partners = "partners";
    public const string ContentType = "text/csv; charset=windows-1252";
    public const string HandoverType = "datev-handover";

    /// <summary>
    /// Hands a month over: closes it for postings first (so the file cannot change afterwards), then records the
    /// Buchungsstapel with Festschreibung and its SHA-256. Every later export of the month gives the same bytes.
    /// A crash between the two steps leaves a closed month, and the next call completes the handover.
    /// </summary>
    public async Task<Result<DatevHandover>> Handover(HandoverInput input, CancellationToken ct)
    {
        if (input.Period is not { } period || !Periods.TryParse(period, out var p))
            return new ValidationFailed([new FieldError("period", "must be YYYY-MM.")]);
        var scope = Scope.Year(p.Year);
        if (await ledger.Find<DatevHandover>(scope, HandoverType, period, ct) is { } done)
            return new RuleBroken("already-handed-over", $"{period} was handed over on {done.Value.At} by {done.Value.By} (SHA-256 {done.Value.Sha256}).");
        var first = new LocalDate(p.Year, p.Month, 1);
        if (!await Books.IsClosed(ledger, first, ct) && await journal.ClosePeriod(period, ct) is { IsSuccess: false } closing
            && closing.Error is not RuleBroken { Code: "period-already-closed" })
            return closing.Error!;
        var file = await Export($"{first:yyyy-MM-dd}", $"{first.PlusMonths(1).PlusDays(-1):yyyy-MM-dd}", Bookings, ct, locked: true);
        if (!file.IsSuccess) return file.Error!;
        var handover = new DatevHandover(period, file.Value.FileName,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Value.Content)), ledger.UserId, ledger.Now);
        var changes = new ChangeSet();
        Ledger.Create(changes, HandoverType, period, handover, RecordIndex.For(period));
        ledger.Record(changes, HandoverType, "datev.handedOver", period, null, handover);
        return await ledger.Commit(scope, changes, ct, e => e.Kind == ConflictKind.AlreadyExists
            ? new RuleBroken("already-handed-over", $"{period} was handed over meanwhile.") : null) is { } error ? error : handover;
    }

    public async Task<IReadOnlyList<DatevHandover>> Handovers(int year, CancellationToken ct) =>
        [.. (await ledger.All<DatevHandover>(Scope.Year(year), HandoverType, ct)).OrderBy(h => h.Period, StringComparer.Ordinal)];

    public Task<Result<ExportFile>> Export(string? from, string? to, string? kind, CancellationToken ct) => Export(from, to, kind, ct, locked: false);

    private async Task<Result<ExportFile>> Export(string? from, string? to, string? kind, CancellationToken ct, bool locked)
    {
        var errors = new FieldErrors();
        var start = Orders.ParseDate(errors, "from", from, required: true);
        var end = Orders.ParseDate(errors, "to", to, required: true);
        if (start is { } s && end is { } e)
        {
            if (e < s) errors.Add("to", "must not be before from.");
            else if (e.Year != s.Year) errors.Add("to", "a DATEV batch covers one fiscal year: from and to must lie in the same year.");
        }
        kind ??= Bookings;
        if (kind is not (Bookings or AccountNames or Partners)) errors.Add("kind", $"must be {Bookings}, {Partners} or {AccountNames}.");
        if (errors.Any) return errors.ToError();

        var profile = (await profiles.Get(ct))?.Value;
        if (profile?.Datev is not { } numbers)
            return new RuleBroken("datev-numbers-missing", "Set the DATEV Beraternummer and Mandantennummer in the company profile (datev.consultantNumber, datev.clientNumber).");
        var chart = await ledger.All<Account>(Scope.Master, AccountResource.Instance.RecordType, ct);
        var period = $"{start!.Value:yyyyMMdd}_{end!.Value:yyyyMMdd}";

        if (kind == AccountNames)
        {
            var names = Header(numbers, Datev.AccountNamesCategory, "Kontenbeschriftungen", Datev.AccountNamesVersion,
                Instant.FromUtc(start.Value.Year, 1, 1, 0, 0), start.Value, null, null, "Kontenbeschriftungen");
            return new ExportFile($"EXTF_Kontenbeschriftungen_{period}.csv", ContentType, Datev.Encode(Datev.AccountNames(names, chart)));
        }

        if (kind == Partners)
        {
            var partnersHeader = Header(numbers, Datev.PartnersCategory, "Debitoren/Kreditoren", Datev.PartnersVersion,
                Instant.FromUtc(start.Value.Year, 1, 1, 0, 0), start.Value, null, null, "Debitoren/Kreditoren");
            var accountsOfPartners = new List<DatevPartner>();
            foreach (var p in await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct))
                foreach (var account in new[] { p.DebtorAccount, p.CreditorAccount })
                    if (account is { } number)
                        accountsOfPartners.Add(new DatevPartner(number.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name, p.VatId,
                            p.Address.Street, p.Address.PostalCode, p.Address.City, p.Address.Country));
            return new ExportFile($"EXTF_Debitoren_Kreditoren_{period}.csv", ContentType, Datev.Encode(Datev.Partners(partnersHeader, accountsOfPartners)));
        }

        var entries = new List<JournalEntry>();
        string? continuation = null;
        do
        {
            var page = await journal.List($"{start.Value:yyyy-MM-dd}", $"{end.Value:yyyy-MM-dd}", 500, continuation, ct);
            if (!page.IsSuccess) return page.Error!;
            entries.AddRange(page.Value.Items);
            continuation = page.Value.Continuation;
        } while (continuation is not null);

        var accounts = await settings.Accounts(ct);
        var datevChart = DatevChart.From(chart, accounts, (await keys.Get(ct)).Value.Keys);
        var partnerAccounts = new HashSet<string>([accounts.Receivables, accounts.Payables], StringComparer.Ordinal);
        var partners = (await ledger.All<Partner>(Scope.Master, PartnerResource.Customers.RecordType, ct)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        // The partner of a receivable or payable is the one of its open item (invoices, credit notes and their payments).
        var items = new Dictionary<string, OpenItem>(StringComparer.Ordinal);
        foreach (var year in new[] { start.Value.Year - 1, start.Value.Year })
            foreach (var item in await ledger.All<OpenItem>(Scope.Year(year), Books.OpenItemType, ct))
                items[item.DocumentId] = item;

        var rows = new List<DatevBooking>();
        foreach (var entry in entries.OrderBy(e => e.Date).ThenBy(e => e.PostedAt).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            string? personal = null, euVatId = null;
            if (entry.DocumentId is { } documentId && items.TryGetValue(documentId, out var item) && partners.TryGetValue(item.PartnerId, out var partner))
            {
                personal = (item.Side == OpenItemSide.Receivable ? partner.DebtorAccount : partner.CreditorAccount)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                euVatId = partner.VatId;
            }
            rows.AddRange(Datev.Bookings(entry, datevChart, partnerAccounts, personal, euVatId));
        }
        var created = entries.Count == 0 ? Instant.FromUtc(start.Value.Year, start.Value.Month, start.Value.Day, 0, 0) : entries.Max(e => e.PostedAt);
        // Festschreibung when every month of the range was handed over (or is being handed over now).
        var handedOver = (await Handovers(start.Value.Year, ct)).Select(h => h.Period).ToHashSet(StringComparer.Ordinal);
        var months = Enumerable.Range(start.Value.Month, end.Value.Month - start.Value.Month + 1).Select(m => $"{start.Value.Year:0000}-{m:00}");
        locked = locked || months.All(handedOver.Contains);
        var header = Header(numbers, Datev.BookingsCategory, "Buchungsstapel", Datev.BookingsVersion, created, start.Value, start.Value, end.Value,
            $"Buchungen {start.Value:dd.MM.}-{end.Value:dd.MM.yyyy}", locked);
        return new ExportFile($"EXTF_Buchungsstapel_{period}.csv", ContentType, Datev.Encode(Datev.Bookings(header, rows)));
    }

    private static DatevHeader Header(Domain.Tenants.DatevNumbers numbers, int category, string name, int version, Instant created,
        LocalDate periodStart, LocalDate? from, LocalDate? to, string description, bool locked = false) =>
        new(category, name, version, created, "VALEO ERP", numbers.ConsultantNumber, numbers.ClientNumber,
            new LocalDate(periodStart.Year, 1, 1), 4, from, to, description, locked);
}
