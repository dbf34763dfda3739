using ValeoErp.Application.Abstractions;

namespace ValeoErp.Tests.Domain;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Dünger")]
    [InlineData("dunger")]
    [InlineData("duenger")]
    [InlineData("DÜNGER")]
    public void GermanSpellings_AllFindTheUmlaut(string query) =>
        SearchText.Index("Volldünger NPK 15-15-15").Should().Contain(SearchText.Query(query));

    [Fact]
    public void SharpS_IsFoundAsDoubleS() =>
        SearchText.Index("Großenkneten").Should().Contain(SearchText.Query("Grossenkneten"));
}
