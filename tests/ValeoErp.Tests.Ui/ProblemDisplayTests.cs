using Bunit;
using ValeoErp.Client;
using ValeoErp.Ui.Components;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

public sealed class ProblemDisplayTests : UiTestContext
{
    private const string Body = """
        {"type":"https://valeo.example/problems/validation","title":"Validation failed","status":400,
         "detail":"2 fields are invalid.","errors":{"name":["is required."],"address.city":["is required.","too short."]}}
        """;

    [Fact]
    public void Renders_title_and_detail()
    {
        var cut = Render<ProblemDisplay>(p => p.Add(x => x.Problem, Problem.Parse(400, Body)));

        cut.Find("[data-testid=problem-title]").TextContent.Should().Be("Validation failed");
        cut.Find("[data-testid=problem-detail]").TextContent.Should().Be("2 fields are invalid.");
    }

    [Fact]
    public void Lists_field_errors_that_no_form_field_shows()
    {
        var cut = Render<ProblemDisplay>(p => p.Add(x => x.Problem, Problem.Parse(400, Body)));

        var items = cut.FindAll("[data-testid=problem-errors] li").Select(li => li.TextContent).ToList();
        items.Should().BeEquivalentTo("name: is required.", "address.city: is required. too short.");
    }

    [Fact]
    public void Does_not_repeat_field_errors_the_form_shows_itself()
    {
        var cut = Render<ProblemDisplay>(p => p
            .Add(x => x.Problem, Problem.Parse(400, Body))
            .Add(x => x.Fields, ["Name"]));

        var items = cut.FindAll("[data-testid=problem-errors] li").Select(li => li.TextContent).ToList();
        items.Should().Equal("address.city: is required. too short.");
    }

    [Fact]
    public void Renders_no_error_list_when_every_field_is_claimed()
    {
        var cut = Render<ProblemDisplay>(p => p
            .Add(x => x.Problem, Problem.Parse(400, Body))
            .Add(x => x.Fields, ["name", "address.city"]));

        cut.FindAll("[data-testid=problem-errors]").Should().BeEmpty();
        cut.Find("[data-testid=problem-title]").TextContent.Should().Be("Validation failed");
    }

    [Fact]
    public void Renders_nothing_without_a_problem()
    {
        var cut = Render<ProblemDisplay>(p => p.Add(x => x.Problem, null));

        cut.Markup.Trim().Should().BeEmpty();
    }

    [Fact]
    public void Omits_the_detail_when_there_is_none()
    {
        var cut = Render<ProblemDisplay>(p => p.Add(x => x.Problem, Problem.Parse(409, """{"title":"Conflict"}""")));

        cut.Find("[data-testid=problem-title]").TextContent.Should().Be("Conflict");
        cut.FindAll("[data-testid=problem-detail]").Should().BeEmpty();
    }

    [Fact]
    public void Parse_reads_status_title_detail_type_and_errors()
    {
        var problem = Problem.Parse(400, Body);

        problem.Status.Should().Be(400);
        problem.Title.Should().Be("Validation failed");
        problem.Detail.Should().Be("2 fields are invalid.");
        problem.Type.Should().Be("https://valeo.example/problems/validation");
        problem.Errors.Should().HaveCount(2);
        problem.For("address.city").Should().Be("is required. too short.");
        problem.For("ADDRESS.CITY").Should().Be("is required. too short.");
        problem.For("email").Should().BeNull();
    }

    [Fact]
    public void Parse_takes_a_single_message_that_is_not_an_array()
    {
        var problem = Problem.Parse(422, """{"title":"Bad","errors":{"lines[0].quantity":"must be positive."}}""");

        problem.For("lines[0].quantity").Should().Be("must be positive.");
    }

    [Fact]
    public void Parse_keeps_a_non_JSON_body_as_detail()
    {
        var problem = Problem.Parse(502, "<html>Bad Gateway</html>");

        problem.Status.Should().Be(502);
        problem.Title.Should().Be("HTTP 502");
        problem.Detail.Should().Be("<html>Bad Gateway</html>");
        problem.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Parse_keeps_a_JSON_body_that_is_not_an_object_as_detail()
    {
        var problem = Problem.Parse(500, "[1,2]");

        problem.Title.Should().Be("HTTP 500");
        problem.Detail.Should().Be("[1,2]");
        problem.Errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_handles_an_empty_body(string? body)
    {
        var problem = Problem.Parse(503, body);

        problem.Title.Should().Be("HTTP 503");
        problem.Detail.Should().BeNull();
        problem.Type.Should().BeNull();
        problem.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Parse_falls_back_to_the_status_when_the_title_is_missing()
    {
        Problem.Parse(404, """{"detail":"No such partner."}""").Title.Should().Be("HTTP 404");
    }

    [Fact]
    public void From_reads_the_problem_of_an_API_exception()
    {
        var error = new ValeoApiException("Bad Request", 400, Body, new Dictionary<string, IEnumerable<string>>(), null);

        var problem = Problem.From(error);

        problem.Status.Should().Be(400);
        problem.Title.Should().Be("Validation failed");
        problem.For("name").Should().Be("is required.");
    }

    [Fact]
    public void From_marks_a_network_failure_with_status_0()
    {
        var problem = Problem.From(new HttpRequestException("Connection refused"));

        problem.Status.Should().Be(0);
        problem.Detail.Should().Be("Connection refused");
    }
}
