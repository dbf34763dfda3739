using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Triggers;

/// <summary>
/// The Functions host only forwards what some function.json routes to us. Every API route must be
/// served by exactly one HTTP function, and every function must route to paths the app serves - so a
/// missing or overlapping function.json fails here, not in a deployment.
/// </summary>
public sealed class FunctionRouteTests(ValeoAzureApp app) : IClassFixture<ValeoAzureApp>
{
    private static readonly string FunctionsRoot = Path.Combine(AppContext.BaseDirectory, "Functions");

    [Fact]
    public void EveryApiRoute_IsServedByExactlyOneFunction()
    {
        // The console's catch-all ranks below every literal route in the host's routing, so it is not counted here.
        var functions = FunctionRoute.LoadAll(FunctionsRoot).Where(f => !f.IsCatchAll).ToList();
        var apiRoutes = ApiRoutes();
        apiRoutes.Should().NotBeEmpty();
        foreach (var route in apiRoutes)
        {
            var sample = FunctionRoute.Sample(route);
            functions.Where(f => f.Matches(sample)).Select(f => f.Name).Should()
                .ContainSingle($"route {route} (sampled as {sample}) must be served by exactly one function");
        }
    }

    [Fact]
    public void EveryFunctionRoute_NamesPathsTheAppServes()
    {
        var samples = ApiRoutes().Select(FunctionRoute.Sample).ToList();
        foreach (var function in FunctionRoute.LoadAll(FunctionsRoot).Where(f => !f.IsCatchAll))
            foreach (var prefix in function.Prefixes())
                samples.Should().Contain(s => s == prefix || s.StartsWith(prefix + "/", StringComparison.Ordinal),
                    $"function {function.Name} routes /{prefix}, which the app must serve");
    }

    [Fact]
    public void ConsoleFunction_IsTheOnlyCatchAll_AndTakesWhatNoApiFunctionServes()
    {
        var functions = FunctionRoute.LoadAll(FunctionsRoot);
        functions.Where(f => f.IsCatchAll).Select(f => f.Name).Should().Equal("Console");
        var api = functions.Where(f => !f.IsCatchAll).ToList();
        foreach (var path in new[] { "", "customers", "documents/salesOrder/2026-abc", "_framework/blazor.webassembly.js", "index.html" })
            api.Should().NotContain(f => f.Matches(path), $"/{path} is the console's");
        api.Should().OnlyContain(f => f.Template.StartsWith("api/", StringComparison.Ordinal), "the API keeps its /api prefix (routePrefix is empty for the console)");
    }

    [Fact]
    public void FunctionJson_IsAForwardedHttpFunction()
    {
        foreach (var file in Directory.GetFiles(FunctionsRoot, "function.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var bindings = doc.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            if (!bindings.Any(b => b.GetProperty("type").GetString() == "httpTrigger")) continue;
            // Forwarding needs exactly one httpTrigger and one http output; any other binding switches to envelopes.
            bindings.Select(b => b.GetProperty("type").GetString()).Should().BeEquivalentTo(["httpTrigger", "http"], file);
        }
    }

    [Fact]
    public void Matcher_RejectsAFunctionThatDoesNotMatch()
    {
        var function = new FunctionRoute("Test", "api/v1/{resource:regex(^(customers|suppliers)$)}/{*path}");
        function.Matches("api/v1/customers/abc").Should().BeTrue();
        function.Matches("api/v1/customers").Should().BeTrue();
        function.Matches("api/v1/articles").Should().BeFalse();
        function.Prefixes().Should().Equal("api/v1/customers", "api/v1/suppliers");
    }

    private List<string> ApiRoutes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
        .Where(r => r.StartsWith("api/", StringComparison.Ordinal) && !r.Contains("{**", StringComparison.Ordinal)) // not the /api 404 fallback
        .Distinct()
        .ToList();
}

/// <summary>A function.json route with the host's prefix, and just enough of ASP.NET's template matching.</summary>
public sealed partial record FunctionRoute(string Name, string Template)
{
    public static List<FunctionRoute> LoadAll(string root)
    {
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FindRepoRoot(), "host.json"))).RootElement;
        var prefix = host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        return Directory.GetFiles(root, "function.json", SearchOption.AllDirectories).SelectMany(file =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var http = doc.RootElement.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger").Select(b => b.GetProperty("route").GetString()!).ToList();
            return http.Select(route => new FunctionRoute(Path.GetFileName(Path.GetDirectoryName(file))!, string.IsNullOrEmpty(prefix) ? route : $"{prefix}/{route}"));
        }).ToList();
    }

    /// <summary>A route that starts with its catch-all: the console's, taking every path no other function serves.</summary>
    public bool IsCatchAll => Template.StartsWith("{*", StringComparison.Ordinal);

    /// <summary>A concrete path for an app route template: parameters become "x".</summary>
    public static string Sample(string template) => Parameter().Replace(template, "x");

    public bool Matches(string path)
    {
        var segments = path.Split('/');
        var parts = Template.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith("{*", StringComparison.Ordinal)) return true;
            if (i >= segments.Length) return false;
            if (part.StartsWith('{'))
            {
                if (RegexOf(part) is { } regex && !Regex.IsMatch(segments[i], regex)) return false;
            }
            else if (!string.Equals(part, segments[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return segments.Length == parts.Length;
    }

    /// <summary>The literal paths this route covers up to its catch-all, expanding regex alternatives.</summary>
    public IEnumerable<string> Prefixes()
    {
        IEnumerable<string> prefixes = [""];
        foreach (var part in Template.Split('/').TakeWhile(p => !p.StartsWith("{*", StringComparison.Ordinal)))
        {
            var options = part.StartsWith('{') && RegexOf(part) is { } regex
                ? Alternatives().Match(regex).Groups[1].Value.Split('|')
                : [part];
            prefixes = prefixes.SelectMany(p => options.Select(o => p.Length == 0 ? o : $"{p}/{o}")).ToList();
        }
        return prefixes;
    }

    private static string? RegexOf(string part)
    {
        var start = part.IndexOf(":regex(", StringComparison.Ordinal);
        return start < 0 ? null : part[(start + 7)..part.LastIndexOf(")}", StringComparison.Ordinal)];
    }

    public static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "host.json"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("host.json not found above the test output.");
    }

    [GeneratedRegex(@"\{[^}]+\}")] private static partial Regex Parameter();
    [GeneratedRegex(@"^\^\((.*)\)\$$")] private static partial Regex Alternatives();
}
