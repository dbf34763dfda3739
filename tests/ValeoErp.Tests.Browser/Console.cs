using System.Text.Json;
using Microsoft.Playwright;

namespace ValeoErp.Tests.Browser;

/// <summary>Steps the journeys share: sign in as a user with roles, go somewhere, wait for the console to settle.</summary>
public static class ConsoleSteps
{
    public static async Task<IPage> SignIn(this HostFixture host, IBrowserContext context, string user, params string[] roles)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(host.BaseUrl + "/signin");
        await page.Input("signin-user").FillAsync(user);
        // Untick the defaults, tick the wanted roles.
        foreach (var role in new[] { "sales" }.Except(roles))
            await page.Input($"role-{role}").UncheckAsync();
        foreach (var role in roles)
            await page.Input($"role-{role}").CheckAsync();
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(user);
        return page;
    }

    /// <summary>The input of a field, whether the test id sits on the input or on a component around it.</summary>
    public static ILocator Input(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>Types into a search field and picks the option that contains the text.</summary>
    public static async Task Pick(this IPage page, string testId, string query, string option)
    {
        var input = page.Input(testId);
        await input.ClickAsync();
        await input.FillAsync(query);
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
        await item.ClickAsync();
    }

    public static async Task Go(this IPage page, HostFixture host, string path)
    {
        await page.GotoAsync(host.BaseUrl + "/" + path);
    }

    /// <summary>axe-core (npm, tests/ValeoErp.Tests.Browser/node_modules) on the current page: serious and critical violations.</summary>
    public static async Task<List<string>> Axe(this IPage page)
    {
        var script = Path.Combine(HostFixture.RepoRoot, "tests/ValeoErp.Tests.Browser/node_modules/axe-core/axe.min.js");
        await page.AddScriptTagAsync(new() { Path = script });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        return [.. json.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }
}
