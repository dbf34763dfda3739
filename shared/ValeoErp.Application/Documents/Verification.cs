using System.Security.Cryptography;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;

namespace ValeoErp.Application.Documents;

/// <summary>What the public verification of a printed document shows: the issuer, number, date and gross total, nothing else.</summary>
public sealed record VerifiedDocument(string Issuer, string Number, LocalDate Date, decimal GrossTotal);

/// <summary>The record behind a verification code, written in the same atomic write as the posting it proves.</summary>
public sealed record VerificationRecord(string DocumentId, VerifiedDocument Document);

/// <summary>
/// Verification codes for the QR code printed on issued documents. A code is <c>{tenant}.{year}.{26 random
/// base32 characters}</c>: 130 random bits make it unguessable, the tenant and fiscal year say where its record
/// lives (the lookup needs no token), and any altered character finds no record. The code is stored with the
/// document, so it is bound to exactly that number, date and total.
/// </summary>
public sealed class Verification(IRecordStore store)
{
    public const string Type = "verification";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Documents the tenant issues itself: invoices, credit notes and self-billed credit notes (Gutschrift).</summary>
    public static bool IsIssued(TradeDocument d) =>
        d.Kind is DocumentKind.SalesInvoice or DocumentKind.SalesCreditNote || (d.Kind == DocumentKind.PurchaseInvoice && d.SelfBilled);

    public static string NewCode(TenantId tenant, int year) =>
        $"{tenant.Value}.{year:0000}.{string.Concat(RandomNumberGenerator.GetBytes(26).Select(b => Alphabet[b % 32]))}";

    public static async Task<string> IssuerOf(CompanyProfiles profiles, TenantId tenant, CancellationToken ct) =>
        (await profiles.Get(ct))?.Value.LegalName ?? tenant.Value;

    public static void Stage(ChangeSet changes, string code, TradeDocument posted, string issuer) =>
        Ledger.Create(changes, Type, code, new VerificationRecord(posted.Id,
            new VerifiedDocument(issuer, posted.Number!, posted.DocumentDate, posted.GrossTotal)), RecordIndex.For(code));

    public async Task<VerifiedDocument?> Find(string code, CancellationToken ct)
    {
        var parts = code.Split('.');
        if (code.Length > 100 || parts is not [var tenantText, var yearText, var secret] || secret.Length != 26
            || !int.TryParse(yearText, out var year) || year is < 2000 or > 2100 || !secret.All(Alphabet.Contains)) return null;
        if (TenantId.Parse(tenantText) is not { IsSuccess: true } tenant) return null;
        var stored = await store.Get(tenant.Value, Scope.Year(year), Type, code, ct);
        return stored is null ? null : ValeoJson.Deserialize<VerificationRecord>(stored.Json).Document;
    }
}
