using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ValeoErp.Ui;
using ValeoErp.Ui.Components;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

/// <summary>The console's texts as Program.cs wires them: AddLocalization with Resources/Strings*.resx.</summary>
public sealed class LocalizationTests : UiTestContext
{
    private StringLocalizer<Strings> Real() => new(Services.GetRequiredService<IStringLocalizerFactory>());

    [Fact]
    public void German_texts_come_from_Strings_resx()
    {
        var text = Real()["Save"];

        text.ResourceNotFound.Should().BeFalse($"the resource {text.SearchedLocation} should hold the text");
        text.Value.Should().Be("Speichern");
    }

    [Fact]
    public void English_texts_come_from_Strings_en_resx()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

        Real()["ProblemNetwork"].Value.Should().Be("The server cannot be reached.");
    }

    [Fact]
    public void A_network_problem_shows_the_German_text()
    {
        var cut = Render<ProblemDisplay>(p => p.Add(x => x.Problem, Problem.From(new HttpRequestException("refused"))));

        cut.Find("[data-testid=problem-title]").TextContent.Should().Be("Der Server ist nicht erreichbar.");
    }
}
