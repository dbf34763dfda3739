using ValeoErp.Application.Documents;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Http;

namespace ValeoErp.Functions.Endpoints;

/// <summary>POST /api/v1/purchase-invoices/import: a supplier's e-invoice (XRechnung UBL/CII as XML, or a ZUGFeRD/
/// Factur-X PDF) becomes a purchase-invoice draft; see <see cref="EInvoiceImport"/>.</summary>
public static class EInvoiceImportEndpoint
{
    public const string Path = "/api/v1/purchase-invoices/import";
    private static readonly string[] XmlTypes = ["application/xml", "text/xml"];
    private const string PdfType = "application/pdf";

    public static IEndpointRouteBuilder MapEInvoiceImport(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpContext http, EInvoiceImport import, CancellationToken ct) =>
            {
                var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                var isPdf = mediaType == PdfType;
                if (!isPdf && !XmlTypes.Contains(mediaType))
                    return Problems.Problem(415, "unsupported-media-type", "Unsupported media type",
                        "Send the invoice as application/xml (XRechnung UBL or CII) or application/pdf (ZUGFeRD/Factur-X).");
                // Content-Length is checked by the request guard; a chunked body is counted here.
                using var body = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    if (body.Length + read > RequestGuard.MaxImportBytes)
                        return Problems.Problem(413, "body-too-large", "Body too large", $"The body may hold at most {RequestGuard.MaxImportBytes / 1024} KiB.");
                    body.Write(buffer, 0, read);
                }
                return DocumentEndpoints.Answer(http, await import.Import(body.ToArray(), isPdf, ct));
            })
            .WithName("ImportPurchaseInvoice")
            .WithSummary("Import a supplier's e-invoice (XRechnung UBL/CII or ZUGFeRD PDF) as a purchase-invoice draft")
            .WithDescription("The invoice is checked against the EN 16931 and XRechnung rules, the supplier is matched by VAT id, " +
                "then IBAN, then name, and the draft's recomputed totals must equal the invoice's. The original is archived " +
                "write-once and linked from the draft. Any reason not to book it answers 422 with the rules, and nothing is written.")
            .Accepts<byte[]>("application/xml", "text/xml", PdfType)
            .RequireScope(Scopes.PurchaseWrite).ReturnsCreated<Application.Documents.DocumentView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Conflicts("einvoice-duplicate", "concurrent-write");
        // Without this, DELETE/PUT/GET .../import would reach the {id} routes of purchase invoices with id "import".
        app.MapMethods(Path, ["GET", "PUT", "PATCH", "DELETE"], (HttpContext http) =>
            {
                http.Response.Headers.Allow = "POST";
                return Problems.Problem(405, "method-not-allowed", "Method not allowed", "Only POST imports an e-invoice here.");
            })
            .ExcludeFromDescription().RequireScope(Scopes.PurchaseWrite);
        return app;
    }
}
