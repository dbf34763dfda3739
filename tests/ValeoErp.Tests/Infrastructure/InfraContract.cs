using System.Text.Json;
using System.Text.RegularExpressions;
using ValeoErp.Functions.Hosting;

namespace ValeoErp.Tests.Infrastructure;

/// <summary>
/// No Bicep compiler can be installed here, so the templates are cross-checked against the code by reading
/// them: what the app reads in the Azure shape is set, every identity-based connection of a function.json has
/// its endpoint, every service the app calls has its data role, local auth is off, and no key appears.
/// </summary>
public static partial class InfraContract
{
    /// <summary>Role the app needs -> the role name used in roles.bicep (ids from AZURE.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredRoles = new Dictionary<string, string>
    {
        ["host storage, deployment, archive, backups (blobs)"] = "storageBlobDataOwner",
        ["host storage (queues)"] = "storageQueueDataContributor",
        ["host storage (tables)"] = "storageTableDataContributor",
        ["outbox relay publishes to Service Bus"] = "serviceBusDataSender",
        ["trigger functions receive from Service Bus"] = "serviceBusDataReceiver",
        ["search indexing"] = "searchIndexDataContributor",
        ["search index creation"] = "searchServiceContributor",
        ["Key Vault secrets"] = "keyVaultSecretsUser",
        ["Application Insights with Entra auth"] = "monitoringMetricsPublisher",
        ["Cosmos DB data plane"] = "cosmosDataContributor",
    };

    public static List<string> Problems(string infra, string functionsRoot)
    {
        var problems = new List<string>();
        string Read(string relative) => File.Exists(Path.Combine(infra, relative)) ? File.ReadAllText(Path.Combine(infra, relative)) : "";
        var main = Read("main.bicep");
        var settings = AppSettingsBlock().Match(main) is { Success: true } block
            ? SettingKey().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet()
            : [];

        foreach (var key in AzureSettings.Required)
            if (!settings.Contains(key)) problems.Add($"setting {key} (read by the app in the Azure shape) is not set in main.bicep appSettings");

        foreach (var file in Directory.GetFiles(functionsRoot, "function.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in doc.RootElement.GetProperty("bindings").EnumerateArray())
                if (binding.TryGetProperty("connection", out var connection) && connection.GetString() is { } name
                    && !settings.Any(s => s.StartsWith($"{name}__", StringComparison.Ordinal)))
                    problems.Add($"connection {name} of {Path.GetFileName(Path.GetDirectoryName(file))} has no identity-based setting ({name}__...)");
        }

        var roles = Read("app/roles.bicep");
        foreach (var (why, role) in RequiredRoles)
            if (!Regex.IsMatch(roles, $@"roles\.{role}\b[^\n]*\)?") || !Regex.IsMatch(roles, $@"roleDefinitionId[^\n]*roles\.{role}\b"))
                problems.Add($"role {role} ({why}) is not assigned in app/roles.bicep");
        if (!roles.Contains("guid(")) problems.Add("role assignments must be named with guid(scope, principal, role)");

        if (!Read("app/messaging.bicep").Contains("loadJsonContent('messaging.json')"))
            problems.Add("app/messaging.bicep must load its topics and subscriptions from messaging.json");
        if (!File.Exists(Path.Combine(infra, "app", "messaging.json"))) problems.Add("app/messaging.json is missing");

        foreach (var (file, rule) in new[]
                 {
                     ("app/storage.bicep", "allowSharedKeyAccess: false"), ("app/cosmos.bicep", "disableLocalAuth: true"),
                     ("app/messaging.bicep", "disableLocalAuth: true"), ("app/search.bicep", "disableLocalAuth: true"),
                     ("app/keyvault.bicep", "enableRbacAuthorization: true"), ("app/monitoring.bicep", "DisableLocalAuth: true"),
                     ("app/functionapp.bicep", "name: 'custom'"), ("app/functionapp.bicep", "type: 'SystemAssigned'"),
                     ("app/cosmos.bicep", "paths: [ '/pk' ]"), ("app/cosmos.bicep", "path: '/sortKey'"), ("app/cosmos.bicep", "name: 'leases'"),
                     ("app/storage.bicep", "immutabilityPolicies"), ("app/apim-policy.xml", "validate-jwt"), ("app/apim-policy.xml", "rate-limit"),
                     ("app/apim.bicep", "loadTextContent('apim-policy.xml')"),
                     ("app/apim-policy.xml", VerifyExemption), ("main.bicep", "name: apimName"),
                 })
            if (!Read(file).Contains(rule)) problems.Add($"{file} must contain `{rule}`");

        foreach (var file in Directory.GetFiles(infra, "*.bicep", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match leak in KeyLeak().Matches(text))
                problems.Add($"{Path.GetRelativePath(infra, file)} uses `{leak.Value}`: identities only, no keys or connection strings");
            foreach (Match multiLine in MultiLineString().Matches(text))
                if (multiLine.Value.Contains("${"))
                    problems.Add($"{Path.GetRelativePath(infra, file)} puts ${{...}} in a multi-line string, where Bicep does not interpolate it");
        }

        foreach (Match module in ModuleReference().Matches(main))
            if (!File.Exists(Path.Combine(infra, module.Groups[1].Value))) problems.Add($"main.bicep references missing module {module.Groups[1].Value}");
        return problems;
    }

    /// <summary>The one operation API Management lets through without a token: the public check behind the QR code.</summary>
    public const string VerifyExemption = "context.Operation.Method != \"GET\" || context.Operation.UrlTemplate != \"/v1/verify/{code}\"";

    [GeneratedRegex(@"appSettings:\s*\{(.*?)\n\s{4}\}", RegexOptions.Singleline)] private static partial Regex AppSettingsBlock();
    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", RegexOptions.Multiline)] private static partial Regex SettingKey();
    [GeneratedRegex(@"'''[\s\S]*?'''")] private static partial Regex MultiLineString();
    [GeneratedRegex(@"listKeys\(|listConnectionStrings\(|AccountKey=|SharedAccessKey|primaryMasterKey|primaryKey|\.keys\[")] private static partial Regex KeyLeak();
    [GeneratedRegex(@"module\s+\w+\s+'([^']+)'")] private static partial Regex ModuleReference();
}
