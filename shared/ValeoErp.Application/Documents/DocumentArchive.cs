using System.Security.Cryptography;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.EInvoicing;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;
using ValeoErp.Domain.Tenants;

namespace ValeoErp.Application.Documents;

/// <summary>Renders the PDF of a document (implemented with the PDF library at the edge, so the core stays pure).</summary>
public interface IDocumentRenderer
{
    /// <param name="facturX">When given, the CII to embed: the PDF becomes a ZUGFeRD/Factur-X invoice.</param>
    byte[] Pdf(TradeDocument document, CompanyProfile company, Partner partner, (string Number, NodaTime.LocalDate Date)? corrected,
        byte[]? facturX = null);
}

/// <summary>
/// Writes an issued document's PDF and e-invoice once into the write-once archive when it is posted. The blobs are
/// written before the posting commits; a retry after a crash finds them and keeps the bytes that are there (the
/// archive never changes), so the SHA-256 recorded on the document always describes the archived bytes.
/// </summary>
public sealed class DocumentArchive(IBlobStore blobs, IDocumentRenderer renderer, Ledger ledger)
{
    public async Task<IReadOnlyList<ArchivedFile>?> Store(TradeDocument posted, CompanyProfile? company, Partner partner,
        (string Number, NodaTime.LocalDate Date)? corrected, EInvoice? einvoice, CancellationToken ct)
    {
        if (company is null || posted.Number is null || !Verification.IsIssued(posted)) return null;
        var folder = $"{ledger.Tenant.Value}/{posted.DocumentDate.Year:0000}/{posted.Id}/{posted.Number}";
        var retain = ArchivedFile.RetentionFor(posted.DocumentDate);
        var files = new List<ArchivedFile>
        {
            await Put(ArchivedFile.Pdf, $"{folder}.pdf", "application/pdf", renderer.Pdf(posted, company, partner, corrected), retain, ct),
        };
        if (einvoice is not null)
        {
            var cii = partner.EInvoiceFormat is EInvoiceFormat.XrechnungCii or EInvoiceFormat.Zugferd;
            files.Add(await Put(cii ? ArchivedFile.XRechnungCii : ArchivedFile.XRechnungUbl, $"{folder}-xrechnung-{(cii ? "cii" : "ubl")}.xml",
                "application/xml", EInvoices.Write(einvoice, cii ? EInvoiceSyntax.Cii : EInvoiceSyntax.Ubl), retain, ct));
        }
        return files;
    }

    /// <summary>The archived bytes of a file, or null when they no longer match the recorded SHA-256.</summary>
    public async Task<byte[]?> Read(ArchivedFile file, CancellationToken ct)
    {
        var blob = await blobs.Get(BlobContainers.Archive, file.Blob, ct);
        return blob is not null && Convert.ToHexStringLower(SHA256.HashData(blob.Content)) == file.Sha256 ? blob.Content : null;
    }

    private async Task<ArchivedFile> Put(string kind, string name, string contentType, byte[] content, NodaTime.LocalDate retain, CancellationToken ct)
    {
        try
        {
            await blobs.Put(BlobContainers.Archive, name, content, contentType, retain, ct);
        }
        catch (BlobExistsException)
        {
            // Written by an earlier attempt of this posting: the archive keeps those bytes.
            content = (await blobs.Get(BlobContainers.Archive, name, ct))!.Content;
        }
        return new ArchivedFile(kind, name, contentType, Convert.ToHexStringLower(SHA256.HashData(content)), retain);
    }
}
