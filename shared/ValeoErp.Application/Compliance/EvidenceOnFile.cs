using System.Security.Cryptography;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Compliance;

namespace ValeoErp.Application.Compliance;

public sealed record EvidenceScanInput(string? FileName, string? ContentType, string? ContentBase64);

public sealed record EvidenceInput(EvidenceType? Type, string? Number, string? Issuer, string? ValidFrom, string? ValidTo,
    string? Holder, string? Trade, string? IntendedUse, EvidenceScanInput? Scan);

/// <summary>
/// Certificates and declarations on file per customer (<c>/api/v1/partners/{id}/evidence</c>), with the scanned copy in
/// the blob store. Evidence is added, never edited: a renewed certificate is a new record with its own validity.
/// </summary>
public sealed class EvidenceOnFile(Ledger ledger, MasterData data, IBlobStore blobs)
{
    public const string Type = "evidence";
    public const string Container = "evidence";
    private const int MaxScanBytes = 5 * 1024 * 1024;
    private static readonly string[] ScanTypes = ["application/pdf", "image/png", "image/jpeg"];

    public async Task<Result<Evidence>> Record(string partnerId, EvidenceInput input, CancellationToken ct)
    {
        var partner = await data.Get(PartnerResource.Customers, partnerId, ct);
        if (!partner.IsSuccess) return partner.Error!;
        var errors = new FieldErrors();
        if (input.Type is null) errors.Add("type", "is required: plantProtectionCertificate, precursorDeclaration, qsCertification or other.");
        var number = errors.Required("number", input.Number, 64);
        var issuer = errors.Required("issuer", input.Issuer, 200);
        var from = Orders.ParseDate(errors, "validFrom", input.ValidFrom, required: true);
        var to = Orders.ParseDate(errors, "validTo", input.ValidTo, required: input.Type is EvidenceType.PlantProtectionCertificate);
        if (from is { } f && to is { } t && t < f) errors.Add("validTo", "must not be before validFrom.");
        string? holder = null, trade = null, use = null;
        if (input.Type == EvidenceType.PrecursorDeclaration)
        {
            // EU 2019/1148 Annex IV: who the customer is, their trade, and what the product is for.
            holder = errors.Required("holder", input.Holder, 200);
            trade = errors.Required("trade", input.Trade, 200);
            use = errors.Required("intendedUse", input.IntendedUse, 500);
        }
        byte[]? scan = null;
        if (input.Scan is { } s)
        {
            errors.Required("scan.fileName", s.FileName, 120);
            if (!ScanTypes.Contains(s.ContentType)) errors.Add("scan.contentType", $"must be one of {string.Join(", ", ScanTypes)}.");
            try { scan = Convert.FromBase64String(s.ContentBase64 ?? ""); }
            catch (FormatException) { errors.Add("scan.contentBase64", "is not base64."); }
            if (scan is { Length: 0 }) errors.Add("scan.contentBase64", "is empty.");
            if (scan is { Length: > MaxScanBytes }) errors.Add("scan.contentBase64", $"is larger than {MaxScanBytes / 1024 / 1024} MB.");
        }
        if (errors.Any) return errors.ToError();

        var id = Ids.New();
        EvidenceScan? stored = null;
        if (scan is not null)
        {
            var name = $"{partnerId}/{id}/{Path.GetFileName(input.Scan!.FileName!)}";
            await blobs.Put(Container, name, scan, input.Scan.ContentType!, ct);
            stored = new EvidenceScan(name, Path.GetFileName(input.Scan.FileName!), input.Scan.ContentType!, Convert.ToHexStringLower(SHA256.HashData(scan)), scan.Length);
        }
        var evidence = new Evidence
        {
            Id = id, PartnerId = partnerId, Type = input.Type!.Value, Number = number!, Issuer = issuer!, ValidFrom = from!.Value, ValidTo = to,
            Holder = holder, Trade = trade, IntendedUse = use, Scan = stored, RecordedBy = ledger.UserId, RecordedAt = ledger.Now,
        };
        var changes = new ChangeSet();
        Stage(changes, evidence);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error ? error : evidence;
    }

    /// <summary>The record, its audit entry and its event, for a commit of the caller's (also the demo seed's).</summary>
    public void Stage(ChangeSet changes, Evidence evidence)
    {
        Ledger.Create(changes, Type, evidence.Id, evidence,
            new RecordIndex($"{evidence.PartnerId}|{evidence.Id}", SearchText.Index(evidence.Number, evidence.Issuer), [$"partner:{evidence.PartnerId}"]));
        ledger.Record(changes, Type, "evidence.recorded", evidence.Id, null, ValeoJson.Serialize(evidence));
        ledger.Emit(changes, "evidence.recorded", $"partner/{evidence.PartnerId}", evidence);
    }

    public async Task<Result<IReadOnlyList<Evidence>>> List(string partnerId, CancellationToken ct)
    {
        var partner = await data.Get(PartnerResource.Customers, partnerId, ct);
        if (!partner.IsSuccess) return partner.Error!;
        return Result<IReadOnlyList<Evidence>>.Ok(await For(partnerId, ct));
    }

    public async Task<IReadOnlyList<Evidence>> For(string partnerId, CancellationToken ct) =>
        [.. (await ledger.All<Evidence>(Scope.Master, Type, ct, $"partner:{partnerId}")).OrderBy(e => e.RecordedAt)];

    public async Task<Result<(Evidence Evidence, BlobContent Content)>> Scan(string partnerId, string evidenceId, CancellationToken ct)
    {
        var found = await ledger.Find<Evidence>(Scope.Master, Type, evidenceId, ct);
        if (found is not { Value: { Scan: { } scan } evidence } || evidence.PartnerId != partnerId) return new NotFound("Evidence scan", evidenceId);
        return await blobs.Get(Container, scan.Blob, ct) is { } content ? (evidence, content) : new NotFound("Evidence scan", evidenceId);
    }
}
