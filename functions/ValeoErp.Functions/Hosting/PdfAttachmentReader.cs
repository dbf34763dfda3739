using ValeoErp.Application.Documents;
using ValeoErp.Documents;

namespace ValeoErp.Functions.Hosting;

/// <summary>The PDF library at the edge reads the files a ZUGFeRD PDF carries.</summary>
public sealed class PdfAttachmentReader : IPdfAttachments
{
    public IReadOnlyList<(string Name, byte[] Content)> Read(byte[] pdf) => PdfAttachments.Read(pdf);
}

public static class DocumentToolsSetup
{
    /// <summary>The PDF library behind the ports of the core: rendering documents, reading ZUGFeRD attachments.</summary>
    public static IServiceCollection AddDocumentTools(this IServiceCollection services) => services
        .AddSingleton<IDocumentRenderer, PdfDocumentRenderer>()
        .AddSingleton<IPdfAttachments, PdfAttachmentReader>();
}
