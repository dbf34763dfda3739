using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace ValeoErp.Documents;

/// <summary>Reads the files embedded in a PDF (ZUGFeRD/Factur-X: factur-x.xml). Every file specification with an
/// embedded stream counts, whether the names tree, the catalog's /AF or a page annotation points to it.</summary>
public static class PdfAttachments
{
    public static IReadOnlyList<(string Name, byte[] Content)> Read(byte[] pdf)
    {
        PdfDocument document;
        try
        {
            document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
        }
        catch (Exception e) when (e is PdfReaderException or InvalidOperationException or NotSupportedException or ArgumentException
            or IOException or FormatException or NullReferenceException or IndexOutOfRangeException)
        {
            // PDFsharp signals unreadable input with several exception types; to the caller it is one thing.
            throw new FormatException(e.Message, e);
        }
        using (document)
        {
            var files = new List<(string, byte[])>();
            foreach (var item in document.Internals.GetAllObjects())
            {
                if (item is not PdfDictionary spec || spec.Elements.GetDictionary("/EF") is not { } ef) continue;
                if (ef.Elements.GetReference("/F")?.Value is not PdfDictionary { Stream: { } stream }) continue;
                var name = spec.Elements.GetString("/UF") is { Length: > 0 } unicode ? unicode : spec.Elements.GetString("/F");
                files.Add((name, stream.UnfilteredValue));
            }
            return files;
        }
    }
}
