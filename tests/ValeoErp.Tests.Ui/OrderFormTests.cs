using Bunit;
using MudBlazor;
using ValeoErp.Client;
using ValeoErp.Ui.Components;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

public sealed class OrderFormTests : UiTestContext
{
    private static readonly Func<string?, CancellationToken, Task<IEnumerable<Partner>>> NoPartners = (_, _) => Task.FromResult(Enumerable.Empty<Partner>());
    private static readonly Func<string?, CancellationToken, Task<IEnumerable<Article>>> NoArticles = (_, _) => Task.FromResult(Enumerable.Empty<Article>());

    private IRenderedComponent<OrderForm> RenderForm(List<OrderLine> lines, Problem? problem = null, Action? onSave = null, bool busy = false)
    {
        Render<MudPopoverProvider>();
        return Render<OrderForm>(p => p
            .Add(x => x.Lines, lines)
            .Add(x => x.Problem, problem)
            .Add(x => x.SearchPartners, NoPartners)
            .Add(x => x.SearchArticles, NoArticles)
            .Add(x => x.Busy, busy)
            .Add(x => x.OnSave, onSave ?? (() => { }))
            .Add(x => x.Cancel, "/orders"));
    }

    private static List<OrderLine> ThreeLines() =>
    [
        new() { Quantity = 2, UnitPrice = 10.50m },
        new() { Quantity = 1, UnitPrice = 1000m },
        new(),
    ];

    [Fact]
    public void Renders_one_row_per_line()
    {
        var cut = RenderForm(ThreeLines());

        cut.FindAll("[data-testid=order-line]").Should().HaveCount(3);
    }

    [Fact]
    public void Estimate_shows_the_net_sum_in_German_money_format()
    {
        var cut = RenderForm([new() { Quantity = 2, UnitPrice = 10.50m }]);

        cut.Find("[data-testid=entry-estimate]").TextContent.Should().EndWith("21,00 €");
    }

    [Fact]
    public void Estimate_uses_German_thousands_separators_and_ignores_empty_lines()
    {
        var cut = RenderForm(ThreeLines());

        // 2 × 10,50 + 1 × 1.000,00 + an empty line
        cut.Find("[data-testid=entry-estimate]").TextContent.Should().EndWith("1.021,00 €");
    }

    [Fact]
    public void Add_line_button_adds_a_row_and_an_empty_line()
    {
        var lines = ThreeLines();
        var cut = RenderForm(lines);

        cut.Find("[data-testid=add-line]").Click();

        cut.FindAll("[data-testid=order-line]").Should().HaveCount(4);
        lines.Should().HaveCount(4);
        lines[3].IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Adding_a_line_moves_the_cursor_to_its_article_field()
    {
        var cut = RenderForm(ThreeLines());

        cut.Find("[data-testid=add-line]").Click();

        JSInterop.VerifyInvoke("valeo.focus").Arguments.Should().Equal("line-3-article");
    }

    [Fact]
    public void Field_error_from_the_problem_shows_next_to_that_lines_quantity()
    {
        var problem = Problem.Parse(400, """{"title":"Invalid order","errors":{"lines[1].quantity":["must be positive."]}}""");

        var cut = RenderForm(ThreeLines(), problem);

        var rows = cut.FindAll("[data-testid=order-line]");
        // Cells: position, article, quantity, price, description, actions.
        rows[1].Children[2].TextContent.Should().Contain("must be positive.");
        rows[1].Children[3].TextContent.Should().NotContain("must be positive.");
        rows[0].TextContent.Should().NotContain("must be positive.");
        rows[2].TextContent.Should().NotContain("must be positive.");
    }

    [Fact]
    public void Save_button_invokes_OnSave()
    {
        var saved = 0;
        var cut = RenderForm(ThreeLines(), onSave: () => saved++);

        cut.Find("[data-testid=order-save]").Click();

        saved.Should().Be(1);
    }

    [Fact]
    public void Ctrl_Enter_saves_but_plain_Enter_does_not()
    {
        var saved = 0;
        var cut = RenderForm(ThreeLines(), onSave: () => saved++);
        var form = cut.Find("[data-testid=order-form]");

        form.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        saved.Should().Be(0);

        form.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        saved.Should().Be(1);
    }

    [Fact]
    public void Save_button_is_disabled_while_busy()
    {
        var cut = RenderForm(ThreeLines(), busy: true);

        cut.Find("[data-testid=order-save]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Remove_button_of_the_only_line_is_disabled()
    {
        var cut = RenderForm([new() { Quantity = 1, UnitPrice = 5m }]);

        RemoveButton(cut, 0).HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Remove_button_removes_that_line()
    {
        var lines = ThreeLines();
        var cut = RenderForm(lines);

        RemoveButton(cut, 0).HasAttribute("disabled").Should().BeFalse();
        RemoveButton(cut, 0).Click();

        cut.FindAll("[data-testid=order-line]").Should().HaveCount(2);
        lines.Should().HaveCount(2);
        lines[0].UnitPrice.Should().Be(1000m);
        cut.Find("[data-testid=entry-estimate]").TextContent.Should().EndWith("1.000,00 €");
    }

    private static AngleSharp.Dom.IElement RemoveButton(IRenderedComponent<OrderForm> cut, int line) =>
        cut.FindAll("[data-testid=order-line]")[line].Children[5].QuerySelector("button")!;
}
