using System.Text;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Tests.Adapters;

/// <summary>What every blob adapter must do (folder store always, Azurite in CI, Azure Blob Storage in production).</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore Blobs { get; }

    private readonly string _tenant = $"t{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Put_ThenGet_ReturnsContentTypeAndChecksum()
    {
        var content = Encoding.UTF8.GetBytes("<Invoice>RE-2026-000001</Invoice>");
        var info = await Blobs.Put(BlobContainers.Exports, $"{_tenant}/xrechnung/RE-2026-000001.xml", content, "application/xml", default);
        var read = await Blobs.Get(BlobContainers.Exports, $"{_tenant}/xrechnung/RE-2026-000001.xml", default);
        read!.Content.Should().Equal(content);
        read.Info.ContentType.Should().Be("application/xml");
        read.Info.Sha256.Should().Be(info.Sha256).And.Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        info.Size.Should().Be(content.Length);
    }

    [Fact]
    public async Task Archive_RefusesToOverwriteOrDelete_AndKeepsTheOriginal()
    {
        var name = $"{_tenant}/invoices/RE-2026-000002.pdf";
        await Blobs.Put(BlobContainers.Archive, name, [1, 2, 3], "application/pdf", default);

        await FluentActions.Awaiting(() => Blobs.Put(BlobContainers.Archive, name, [9, 9, 9], "application/pdf", default))
            .Should().ThrowAsync<BlobExistsException>();
        await FluentActions.Awaiting(() => Blobs.Delete(BlobContainers.Archive, name, default)).Should().ThrowAsync<BlobExistsException>();
        (await Blobs.Get(BlobContainers.Archive, name, default))!.Content.Should().Equal([1, 2, 3]);
    }

    [Fact]
    public async Task Archive_KeepsTheRetentionWithTheBlob_AndARefusedOverwriteChangesNeitherBytesNorRetention()
    {
        var name = $"{_tenant}/2026/RE-2026-000003.xml";
        var original = Encoding.UTF8.GetBytes("<Invoice>RE-2026-000003</Invoice>");
        var written = await Blobs.Put(BlobContainers.Archive, name, original, "application/xml", new NodaTime.LocalDate(2034, 12, 31), default);
        written.RetainUntil.Should().Be(new NodaTime.LocalDate(2034, 12, 31));

        await FluentActions.Awaiting(() => Blobs.Put(BlobContainers.Archive, name, [9], "text/plain", new NodaTime.LocalDate(2027, 1, 1), default))
            .Should().ThrowAsync<BlobExistsException>();
        await FluentActions.Awaiting(() => Blobs.Put(BlobContainers.Archive, name, [9], "text/plain", default))
            .Should().ThrowAsync<BlobExistsException>("a write without retention is refused just the same");
        await FluentActions.Awaiting(() => Blobs.Delete(BlobContainers.Archive, name, default)).Should().ThrowAsync<BlobExistsException>();

        var kept = (await Blobs.Get(BlobContainers.Archive, name, default))!;
        kept.Content.Should().Equal(original);
        kept.Info.Should().Be(new BlobInfo(BlobContainers.Archive, name, original.Length, "application/xml",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original)), new NodaTime.LocalDate(2034, 12, 31)));
        (await Blobs.List(BlobContainers.Archive, $"{_tenant}/", default)).Should().ContainSingle()
            .Which.RetainUntil.Should().Be(new NodaTime.LocalDate(2034, 12, 31));
    }

    [Fact]
    public async Task Blobs_WithoutRetention_HaveNone() =>
        (await Blobs.Put(BlobContainers.Exports, $"{_tenant}/datev/2026-03.csv", [1], "text/csv", default)).RetainUntil.Should().BeNull();

    [Fact]
    public async Task Backups_RefuseToOverwrite_ButRetentionMayDelete()
    {
        var name = $"{_tenant}/2026-11-22T090000Z-000-00000000/manifest.json";
        await Blobs.Put(BlobContainers.Backups, name, [1], "application/json", default);

        await FluentActions.Awaiting(() => Blobs.Put(BlobContainers.Backups, name, [2], "text/plain", default))
            .Should().ThrowAsync<BlobExistsException>();
        var kept = (await Blobs.Get(BlobContainers.Backups, name, default))!;
        kept.Content.Should().Equal([1]);
        kept.Info.ContentType.Should().Be("application/json", "a refused write leaves the existing blob's properties alone");
        kept.Info.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([1])));
        (await Blobs.Delete(BlobContainers.Backups, name, default)).Should().BeTrue();
        (await Blobs.Get(BlobContainers.Backups, name, default)).Should().BeNull();
        (await Blobs.Delete(BlobContainers.Backups, name, default)).Should().BeFalse();
    }

    [Fact]
    public async Task OtherContainers_AllowReplaceAndDelete()
    {
        var name = $"{_tenant}/datev/2026-11.csv";
        await Blobs.Put(BlobContainers.Exports, name, [1], "text/csv", default);
        await Blobs.Put(BlobContainers.Exports, name, [2], "text/csv", default);
        (await Blobs.Get(BlobContainers.Exports, name, default))!.Content.Should().Equal([2]);
        (await Blobs.Delete(BlobContainers.Exports, name, default)).Should().BeTrue();
        (await Blobs.Get(BlobContainers.Exports, name, default)).Should().BeNull();
        (await Blobs.Delete(BlobContainers.Exports, name, default)).Should().BeFalse();
    }

    [Fact]
    public async Task List_ReturnsOnlyTheNamesUnderThePrefix()
    {
        var other = $"o{Guid.NewGuid():N}"[..12];
        await Blobs.Put(BlobContainers.Exports, $"{_tenant}/datev/2026-01.csv", [1], "text/csv", default);
        await Blobs.Put(BlobContainers.Exports, $"{_tenant}/datev/2026-02.csv", [2], "text/csv", default);
        await Blobs.Put(BlobContainers.Exports, $"{other}/datev/2026-01.csv", [3], "text/csv", default);
        (await Blobs.List(BlobContainers.Exports, $"{_tenant}/", default)).Select(b => b.Name)
            .Should().Equal($"{_tenant}/datev/2026-01.csv", $"{_tenant}/datev/2026-02.csv");
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/absolute.txt")]
    [InlineData("a//b.txt")]
    public async Task UnsafeNames_AreRejected(string name) =>
        await FluentActions.Awaiting(() => Blobs.Put(BlobContainers.Exports, name, [1], "text/plain", default)).Should().ThrowAsync<ArgumentException>();

    [Fact]
    public async Task Get_OfAMissingBlob_IsNull() =>
        (await Blobs.Get(BlobContainers.Exports, $"{_tenant}/nothing.txt", default)).Should().BeNull();
}
