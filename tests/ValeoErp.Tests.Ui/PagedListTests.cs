using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ValeoErp.Client;
using ValeoErp.Ui.Components;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

public sealed partial class PagedListTests : UiTestContext
{
    /// <summary>An API list of 75 items, paged by continuation tokens (the start index), filtered by substring.</summary>
    private sealed class FakeApi
    {
        private readonly List<string> _items = [.. Enumerable.Range(1, 75).Select(i => $"Item {i:000}")];
        public List<PageRequest> Requests { get; } = [];
        public Exception? Fail { get; set; }

        public Task<PageResult<string>> Load(PageRequest request)
        {
            Requests.Add(request);
            if (Fail is { } e) throw e;
            var matching = request.Query is null ? _items : [.. _items.Where(i => i.Contains(request.Query, StringComparison.OrdinalIgnoreCase))];
            var start = request.Continuation is null ? 0 : int.Parse(request.Continuation.TrimStart('c'));
            var page = matching.Skip(start).Take(request.Limit).ToList();
            var next = start + page.Count;
            return Task.FromResult(new PageResult<string>(page, next < matching.Count ? $"c{next}" : null));
        }
    }

    private readonly FakeApi _api = new();

    private IRenderedComponent<PagedList<string>> RenderList(string[]? refreshOn = null)
    {
        Render<MudPopoverProvider>();
        return Render<PagedList<string>>(p => p
            .Add(x => x.Load, _api.Load)
            .Add(x => x.Header, "<th>Name</th>")
            .Add(x => x.Row, item => $"<tr data-testid=\"row\"><td>{item}</td></tr>")
            .Add(x => x.RefreshOn, refreshOn ?? [])
            .Add(x => x.TestId, "list"));
    }

    private static List<string> Rows(IRenderedComponent<PagedList<string>> cut) =>
        [.. cut.FindAll("[data-testid=row]").Select(r => r.TextContent)];

    private static int Count(IRenderedComponent<PagedList<string>> cut) =>
        int.Parse(Number().Match(cut.Find("[data-testid=list-count]").TextContent).Value.Replace(".", ""));

    private static bool Disabled(IRenderedComponent<PagedList<string>> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").HasAttribute("disabled");

    [GeneratedRegex(@"\d[\d.]*")]
    private static partial Regex Number();

    [Fact]
    public void First_render_shows_the_first_page_and_its_count()
    {
        var cut = RenderList();

        Rows(cut).Should().HaveCount(25);
        Rows(cut)[0].Should().Be("Item 001");
        Rows(cut)[^1].Should().Be("Item 025");
        Count(cut).Should().Be(25);
        _api.Requests.Should().Equal(new PageRequest(null, null, 25));
        Disabled(cut, "list-previous").Should().BeTrue();
        Disabled(cut, "list-next").Should().BeFalse();
    }

    [Fact]
    public void Next_shows_the_second_page()
    {
        var cut = RenderList();

        cut.Find("[data-testid=list-next]").Click();

        Rows(cut).Should().HaveCount(25);
        Rows(cut)[0].Should().Be("Item 026");
        _api.Requests[^1].Should().Be(new PageRequest(null, "c25", 25));
        Disabled(cut, "list-previous").Should().BeFalse();
    }

    [Fact]
    public void Previous_returns_to_the_first_page()
    {
        var cut = RenderList();
        cut.Find("[data-testid=list-next]").Click();

        cut.Find("[data-testid=list-previous]").Click();

        Rows(cut)[0].Should().Be("Item 001");
        _api.Requests[^1].Should().Be(new PageRequest(null, null, 25));
        Disabled(cut, "list-previous").Should().BeTrue();
    }

    [Fact]
    public void Next_is_disabled_on_the_last_page()
    {
        var cut = RenderList();

        cut.Find("[data-testid=list-next]").Click();
        cut.Find("[data-testid=list-next]").Click();

        Rows(cut)[0].Should().Be("Item 051");
        Rows(cut)[^1].Should().Be("Item 075");
        Disabled(cut, "list-next").Should().BeTrue();
        Disabled(cut, "list-previous").Should().BeFalse();
    }

    [Fact]
    public void Previous_from_the_last_page_goes_back_one_page_at_a_time()
    {
        var cut = RenderList();
        cut.Find("[data-testid=list-next]").Click();
        cut.Find("[data-testid=list-next]").Click();

        cut.Find("[data-testid=list-previous]").Click();
        Rows(cut)[0].Should().Be("Item 026");

        cut.Find("[data-testid=list-previous]").Click();
        Rows(cut)[0].Should().Be("Item 001");
        Disabled(cut, "list-previous").Should().BeTrue();
    }

    [Fact]
    public void Filter_passes_the_trimmed_query_to_Load_from_the_first_page()
    {
        var cut = RenderList();
        cut.Find("[data-testid=list-next]").Click();

        FilterInput(cut).Change("  Item 07 ");
        cut.Find("form").Submit();

        _api.Requests[^1].Should().Be(new PageRequest("Item 07", null, 25));
        Rows(cut).Should().Equal("Item 070", "Item 071", "Item 072", "Item 073", "Item 074", "Item 075");
        Count(cut).Should().Be(6);
        Disabled(cut, "list-previous").Should().BeTrue();
        Disabled(cut, "list-next").Should().BeTrue();
    }

    [Fact]
    public void Filter_without_matches_shows_no_rows()
    {
        var cut = RenderList();

        FilterInput(cut).Change("nothing");
        cut.Find("form").Submit();

        Rows(cut).Should().BeEmpty();
        Count(cut).Should().Be(0);
    }

    [Fact]
    public void Show_all_loads_every_page_with_the_largest_limit()
    {
        var cut = RenderList();
        _api.Requests.Clear();

        cut.Find("[data-testid=list-all]").Click();

        cut.WaitForAssertion(() => Count(cut).Should().Be(75));
        // 75 items at 200 a page is one request; the fake pages by the limit it is given.
        _api.Requests.Should().OnlyContain(r => r.Limit == PageRequest.MaxLimit);
        _api.Requests[^1].Continuation.Should().BeNull();
        Disabled(cut, "list-next").Should().BeTrue();
        Disabled(cut, "list-previous").Should().BeTrue();
    }

    [Fact]
    public void Show_all_follows_continuations_until_there_is_none()
    {
        // An API that pages at 25 whatever the limit says: three requests.
        var requests = new List<PageRequest>();
        var all = Enumerable.Range(1, 75).Select(i => $"Item {i:000}").ToList();
        Task<PageResult<string>> Load(PageRequest r)
        {
            requests.Add(r);
            var start = r.Continuation is null ? 0 : int.Parse(r.Continuation);
            return Task.FromResult(new PageResult<string>(all.Skip(start).Take(25).ToList(), start + 25 < all.Count ? $"{start + 25}" : null));
        }
        Render<MudPopoverProvider>();
        var cut = Render<PagedList<string>>(p => p
            .Add(x => x.Load, Load)
            .Add(x => x.Header, "<th>Name</th>")
            .Add(x => x.Row, item => $"<tr data-testid=\"row\"><td>{item}</td></tr>"));
        requests.Clear();

        cut.Find("[data-testid=list-all]").Click();

        cut.WaitForAssertion(() => Count(cut).Should().Be(75));
        requests.Select(r => r.Continuation).Should().Equal(null, "25", "50");
        requests.Should().OnlyContain(r => r.Limit == 200);
    }

    [Fact]
    public void An_API_error_shows_the_problem_title()
    {
        _api.Fail = new ValeoApiException("Bad Request", 400,
            """{"title":"Invalid filter","status":400,"errors":{"q":["is too long."]}}""",
            new Dictionary<string, IEnumerable<string>>(), null);

        var cut = RenderList();

        cut.Find("[data-testid=problem-title]").TextContent.Should().Be("Invalid filter");
        cut.Find("[data-testid=problem-errors]").TextContent.Should().Contain("is too long.");
        Rows(cut).Should().BeEmpty();
    }

    [Fact]
    public void The_problem_goes_away_when_the_next_load_succeeds()
    {
        _api.Fail = new ValeoApiException("Bad Request", 400, """{"title":"Invalid filter"}""", new Dictionary<string, IEnumerable<string>>(), null);
        var cut = RenderList();
        cut.FindAll("[data-testid=problem]").Should().HaveCount(1);

        _api.Fail = null;
        cut.Find("form").Submit();

        cut.FindAll("[data-testid=problem]").Should().BeEmpty();
        Rows(cut).Should().HaveCount(25);
    }

    [Fact]
    public async Task A_live_event_of_a_watched_kind_reloads_the_current_page()
    {
        var cut = RenderList(refreshOn: ["customer."]);
        cut.Find("[data-testid=list-next]").Click();
        var before = _api.Requests.Count;
        var live = Services.GetRequiredService<LiveEvents>();

        await cut.InvokeAsync(() => live.OnEvent("""{"id":"1","type":"customer.updated","subject":"C-1"}"""));

        cut.WaitForAssertion(() => _api.Requests.Should().HaveCount(before + 1));
        _api.Requests[^1].Should().Be(new PageRequest(null, "c25", 25));
        Rows(cut)[0].Should().Be("Item 026");
    }

    [Fact]
    public async Task A_live_event_of_another_kind_does_not_reload()
    {
        var cut = RenderList(refreshOn: ["customer."]);
        var before = _api.Requests.Count;
        var live = Services.GetRequiredService<LiveEvents>();

        await cut.InvokeAsync(() => live.OnEvent("""{"id":"1","type":"article.updated","subject":"A-1"}"""));

        _api.Requests.Should().HaveCount(before);
    }

    private static AngleSharp.Dom.IElement FilterInput(IRenderedComponent<PagedList<string>> cut)
    {
        var marked = cut.Find("[data-testid=list-filter]");
        return marked.TagName == "INPUT" ? marked : marked.QuerySelector("input")!;
    }
}
