using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Triggers;
using ValeoErp.Tests.Triggers;

namespace ValeoErp.Tests.Infrastructure;

/// <summary>Issue 5, acceptance 5: the templates agree with the code, and the checks catch a removal.</summary>
public sealed class InfrastructureTests : IDisposable
{
    private static readonly string Repo = FunctionRoute.FindRepoRoot();
    private static readonly string Functions = Path.Combine(Repo, "functions", "ValeoErp.Functions", "Functions");
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "valeo-infra", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Templates_SetEverySetting_AssignEveryRole_AndHoldNoKeys() =>
        InfraContract.Problems(Path.Combine(Repo, "infra"), Functions).Should().BeEmpty();

    [Fact]
    public void RemovingASetting_FailsTheCheck()
    {
        var infra = Copy();
        Edit(infra, "main.bicep", "      ServiceBusConnection__fullyQualifiedNamespace: messaging.outputs.fullyQualifiedNamespace\n", "");
        InfraContract.Problems(infra, Functions).Should().Contain(p => p.Contains("ServiceBusConnection__fullyQualifiedNamespace"))
            .And.Contain(p => p.Contains("connection ServiceBusConnection"));
    }

    [Fact]
    public void RemovingARoleAssignment_FailsTheCheck()
    {
        var infra = Copy();
        var roles = File.ReadAllText(Path.Combine(infra, "app", "roles.bicep"));
        var start = roles.IndexOf("resource busSender", StringComparison.Ordinal);
        var end = roles.IndexOf("resource busReceiver", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(infra, "app", "roles.bicep"), roles[..start] + roles[end..]);
        InfraContract.Problems(infra, Functions).Should().ContainSingle(p => p.Contains("serviceBusDataSender"));
    }

    [Fact]
    public void InterpolatingInsideAMultiLineString_FailsTheCheck()
    {
        var infra = Copy();
        Edit(infra, "app/apim.bicep", "output name string = service.name", "var broken = '''\n<a>${name}</a>\n'''\noutput name string = service.name");
        InfraContract.Problems(infra, Functions).Should().ContainSingle(p => p.Contains("app/apim.bicep") && p.Contains("does not interpolate"));
    }

    [Fact]
    public void TheApiPolicy_IsFilledInByBicep_AndTheOperationsAreImportedAfterEachDeploy()
    {
        var policy = File.ReadAllText(Path.Combine(Repo, "infra", "app", "apim-policy.xml"));
        policy.Should().Contain("{{tenant}}").And.Contain("{{audience}}");
        File.ReadAllText(Path.Combine(Repo, "infra", "app", "apim.bicep"))
            .Should().Contain("'{{tenant}}', entraTenantId").And.Contain("'{{audience}}', apiAudience");
        File.ReadAllText(Path.Combine(Repo, "azure.yaml")).Should().Contain("postdeploy:").And.Contain("scripts/import-api.sh");
        var import = File.ReadAllText(Path.Combine(Repo, "scripts", "import-api.sh"));
        import.Should().Contain("az apim api import").And.Contain("--api-id valeo-erp").And.Contain("/openapi/v1.json");
        var outputs = File.ReadAllText(Path.Combine(Repo, "infra", "main.bicep"));
        foreach (var variable in new[] { "AZURE_RESOURCE_GROUP", "API_MANAGEMENT_NAME", "FUNCTION_APP_API_URL" })
            outputs.Should().Contain($"output {variable} string", "import-api.sh reads it from the azd environment");
    }

    [Fact]
    public void TheGateway_RequiresATokenForEveryOperation_ButThePublicVerification()
    {
        var policy = System.Xml.Linq.XDocument.Load(Path.Combine(Repo, "infra", "app", "apim-policy.xml"));
        var jwt = policy.Descendants("validate-jwt").Should().ContainSingle().Subject;
        var guards = jwt.Ancestors("when").ToArray();
        guards.Should().ContainSingle().Which.Attribute("condition")!.Value.Should().Be($"@({InfraContract.VerifyExemption})");
        jwt.Ancestors("inbound").Should().ContainSingle("the token is checked before anything reaches the app");

        // The exempt template is the app's anonymous verification route as imported (without the /api prefix).
        var anonymous = OpenApiOperations().Where(o => o.Operation.TryGetProperty("security", out var s) && s.GetArrayLength() == 0)
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToArray();
        anonymous.Should().Contain("GET /api/v1/verify/{code}");
        InfraContract.VerifyExemption.Should().Contain("\"/v1/verify/{code}\"");
    }

    [Fact]
    public void TheImport_TakesTheApiPrefixOffThePaths_SoGatewayAndBackendUrlsAreNotDoubled()
    {
        // The APIM API has the URL suffix `api` and the backend .../api: operations must be /v1/..., not /api/v1/...
        File.ReadAllText(Path.Combine(Repo, "infra", "app", "apim.bicep")).Should().Contain("path: 'api'");
        var import = File.ReadAllText(Path.Combine(Repo, "scripts", "import-api.sh"));
        import.Should().Contain("--path api").And.Contain("strip-api-prefix.py").And.Contain("--specification-path \"$spec\"")
            .And.NotContain("--specification-url");
        File.ReadAllText(Path.Combine(Repo, "scripts", "strip-api-prefix.py")).Should().Contain("template[len(\"/api\"):]");
        OpenApiOperations().Select(o => o.Path).Should().OnlyContain(p => p.StartsWith("/api/"), "the script refuses a path without /api");
        File.ReadAllText(Path.Combine(Repo, "functions", "ValeoErp.Functions", "Hosting", "PdfDocumentRenderer.cs"))
            .Should().Contain("{baseUrl}/api/v1/verify/{code}", "the QR code is the gateway URL + the app's path");
    }

    [Fact]
    public void TheArchiveImmutabilityPolicy_OutlastsTheRetentionOfEveryArchivedFile()
    {
        var storage = File.ReadAllText(Path.Combine(Repo, "infra", "app", "storage.bicep"));
        var days = int.Parse(System.Text.RegularExpressions.Regex.Match(storage, @"immutabilityPeriodSinceCreationInDays:\s*(\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        // The earliest a file is archived is on its document date; the longest wait is from a 1 January, leap years included.
        var longest = Enumerable.Range(2026, 40).Select(year => new NodaTime.LocalDate(year, 1, 1))
            .Max(issued => NodaTime.Period.DaysBetween(issued, ValeoErp.Domain.Documents.ArchivedFile.RetentionFor(issued)));
        days.Should().BeGreaterThanOrEqualTo(longest, "Azure must keep every archived file at least until its RetainUntil");
        storage.Should().Contain("parent: archive").And.Contain("allowProtectedAppendWrites: false");
    }

    private static IEnumerable<(string Method, string Path, System.Text.Json.JsonElement Operation)> OpenApiOperations()
    {
        var built = Path.Combine(Repo, "functions", "ValeoErp.Functions", "obj", "openapi", "valeo-erp.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(built));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name, path.Name, op.Value.Clone()))).ToArray();
    }

    [Fact]
    public void TheCosmosContainerInBicep_HasTheIndexPolicyTheStoreDefines()
    {
        var bicep = File.ReadAllText(Path.Combine(Repo, "infra", "app", "cosmos.bicep"));
        var definition = ValeoErp.Storage.Cosmos.CosmosRecordStore.ContainerDefinition("records");

        bicep.Should().Contain($"paths: [ '{definition.PartitionKeyPath}' ]");
        foreach (var excluded in definition.IndexingPolicy.ExcludedPaths)
            bicep.Should().Contain($"{{ path: '{excluded.Path}' }}");
        foreach (var composite in definition.IndexingPolicy.CompositeIndexes.SelectMany(c => c))
            bicep.Should().Contain($"{{ path: '{composite.Path}', order: 'ascending' }}");
    }

    [Fact]
    public void AddingAKey_FailsTheCheck()
    {
        var infra = Copy();
        Edit(infra, "app/cosmos.bicep", "output name string = account.name", "output name string = account.name\noutput key string = account.listKeys().primaryMasterKey");
        InfraContract.Problems(infra, Functions).Should().Contain(p => p.Contains("listKeys("));
    }

    [Fact]
    public void RemovingASubscriptionFromMessagingJson_FailsTheFunctionContract()
    {
        var infra = Copy();
        var path = Path.Combine(infra, "app", "messaging.json");
        var json = File.ReadAllText(path);
        var start = json.IndexOf("{\n          \"name\": \"reorder\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the reorder subscription is in messaging.json");
        var end = json.IndexOf("]", json.IndexOf("\"rules\"", start, StringComparison.Ordinal), StringComparison.Ordinal);
        end = json.IndexOf('}', end) + 1;
        File.WriteAllText(path, json[..start].TrimEnd().TrimEnd(',') + json[end..]);

        var problems = FunctionContract.Problems(FunctionCatalog.Load(Functions), MessagingModel.Load(path), new HashSet<string> { "Reorder" });
        problems.Should().Contain(p => p.Contains("Reorder") && p.Contains("domain-events/reorder is not in messaging.json"));
    }

    private string Copy()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo, "infra"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(Path.Combine(Repo, "infra"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return _copy;
    }

    private static void Edit(string infra, string file, string from, string to)
    {
        var path = Path.Combine(infra, file);
        var text = File.ReadAllText(path);
        text.Should().Contain(from, $"the test edits {file}");
        File.WriteAllText(path, text.Replace(from, to));
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy)) Directory.Delete(_copy, recursive: true);
    }
}
